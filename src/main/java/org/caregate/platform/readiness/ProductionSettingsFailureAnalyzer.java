package org.caregate.platform.readiness;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refused production start as one plain message instead of a stack trace. */
class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingsMissing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettingsMissing cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set each of them (as a property or the environment variable named) and start again. "
                        + "docs/CONFIGURATION.md describes every setting.",
                cause);
    }
}
