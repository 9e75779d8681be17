package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/coverage-floor.sh on JaCoCo CSV reports of known figures: the sums, the floor, and a missing report. */
class CoverageFloorScriptTest {
    private static final Path SCRIPT =
            Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/coverage-floor.sh");
    private static final String HEADER = "GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,"
            + "BRANCH_COVERED,LINE_MISSED,LINE_COVERED,COMPLEXITY_MISSED,COMPLEXITY_COVERED,METHOD_MISSED,METHOD_COVERED";

    @TempDir
    Path dir;

    private record Result(int exit, String output) {}

    private Result run(Path csv, int floor) throws IOException, InterruptedException {
        ProcessBuilder process = new ProcessBuilder("bash", SCRIPT.toString(), csv.toString())
                .redirectErrorStream(true)
                .directory(dir.toFile());
        process.environment().put("FLOOR_LINE_PERCENT", Integer.toString(floor));
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(started.exitValue(), output);
    }

    private Path report(List<String> rows) throws IOException {
        Path csv = dir.resolve("jacoco.csv");
        Files.writeString(csv, HEADER + "\n" + String.join("\n", rows) + "\n");
        return csv;
    }

    // two modules: sink 90 of 100 lines (9 of 10 branches), source 60 of 100 lines over two classes: 75% in all
    private Path twoModules() throws IOException {
        return report(List.of(
                "r/eventbridge-sink,io.eventbridge.kafka.sink,A,5,95,1,9,10,90,0,0,0,0",
                "r/eventbridge-source,io.eventbridge.kafka.source,B,5,95,3,7,30,20,0,0,0,0",
                "r/eventbridge-source,io.eventbridge.kafka.source,C,5,95,0,0,10,40,0,0,0,0"));
    }

    @Test
    void sumsLinesAndBranchesPerModuleAndPassesAtTheFloor() throws Exception {
        Result result = run(twoModules(), 75);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output())
                .containsPattern("eventbridge-sink +90/100 +90\\.0% +9/10 +90\\.0%")
                .containsPattern("eventbridge-source +60/100 +60\\.0% +7/10 +70\\.0%")
                .containsPattern("all +150/200 +75\\.0% +16/20 +80\\.0%")
                .contains("Line coverage 75.0% is at or over the floor of 75%");
    }

    @Test
    void failsUnderTheFloorSayingByHowMuch() throws Exception {
        Result result = run(twoModules(), 80);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("line coverage 75.0% is under the floor of 80%");
    }

    @Test
    void failsWhenTheReportIsMissingOrHoldsNoLines() throws Exception {
        Result missing = run(dir.resolve("absent.csv"), 10);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output()).contains("no coverage report at");

        Result empty = run(report(List.of()), 10);
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.output()).contains("holds no product classes");
    }

    @Test
    void refusesAReportWhoseColumnsMoved() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "GROUP,PACKAGE,CLASS,LINE_MISSED,LINE_COVERED\nr/m,p,A,1,9\n");

        Result result = run(csv, 10);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("unexpected columns");
    }
}
