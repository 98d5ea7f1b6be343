package org.caregate.platform.readiness;

import java.util.List;

/** The {@code prod} profile was asked for without the settings a real deployment needs. */
class ProductionSettingsMissing extends RuntimeException {

    private final List<String> problems;

    ProductionSettingsMissing(List<String> problems) {
        super("Caregate will not start with the prod profile until these settings are provided:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
