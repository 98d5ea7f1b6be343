package org.caregate.record.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code bin/import-bundles <organisation> <folder>}: imports every {@code *.json} bundle of a folder
 * (Synthea's output, an EHR's export), one bundle per transaction, with a progress bar; then exits
 * with 0 when every bundle was imported and 1 when any was refused or failed. Each refusal is
 * printed with the file's name and the problems' places, to the operator's console only.
 */
@Component
class FolderImport implements ApplicationRunner {

    private final RecordImport imports;
    private final ApplicationContext context;
    private final @Nullable String folder;
    private final @Nullable String organizationId;

    FolderImport(RecordImport imports, ApplicationContext context,
            @Value("${caregate.record.import-folder:#{null}}") @Nullable String folder,
            @Value("${caregate.record.import-organization:#{null}}") @Nullable String organizationId) {
        this.imports = imports;
        this.context = context;
        this.folder = folder;
        this.organizationId = organizationId;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (folder == null || organizationId == null) {
            return;
        }
        int failed = importFolder(Path.of(folder), organizationId, System.err);
        System.exit(SpringApplication.exit(context, () -> failed == 0 ? 0 : 1));
    }

    /** Imports the folder's bundles; returns how many were refused or failed. */
    int importFolder(Path directory, String organization, PrintStream report) {
        List<Path> bundles;
        try (Stream<Path> files = Files.list(directory)) {
            bundles = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the folder " + directory, e);
        }
        int failed = 0;
        long resources = 0;
        try (ProgressBar progress = new ProgressBarBuilder().setTaskName("Importing bundles")
                .setInitialMax(bundles.size()).setStyle(ProgressBarStyle.ASCII).setUnit(" bundles", 1)
                .setUpdateIntervalMillis(500).build()) {
            for (Path file : bundles) {
                try {
                    switch (imports.importBundle(organization, Files.readString(file, StandardCharsets.UTF_8))) {
                        case ImportResult.Imported imported -> resources += imported.entries().size();
                        case ImportResult.Refused refused -> {
                            failed++;
                            refused.problems().getIssue().forEach(issue -> report.println(file.getFileName() + ": "
                                    + issue.getExpression().stream().map(StringType::getValue)
                                            .collect(Collectors.joining(", "))
                                    + ": " + issue.getDiagnostics()));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failed++;
                    report.println(file.getFileName() + ": not imported (" + e.getClass().getSimpleName() + ")");
                }
                progress.step();
            }
        }
        report.println("Imported " + (bundles.size() - failed) + " of " + bundles.size() + " bundles (" + resources
                + " resources)" + (failed == 0 ? "." : "; the others are named above."));
        return failed;
    }
}
