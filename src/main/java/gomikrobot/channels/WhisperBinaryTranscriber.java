package gomikrobot.channels;

import gomikrobot.process.ChildEnvironment;
import gomikrobot.process.Command;
import gomikrobot.process.ProcessRunner;
import gomikrobot.process.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a local whisper command line ({@code <binary> <file> --model <model> --output_format txt --output_dir
 * <tmp>}, the openai-whisper CLI) and reads the text file it writes. It runs through the {@link ProcessRunner}
 * with {@link ChildEnvironment}'s allowlist (so no API key reaches it; its HOME is the real one, where whisper
 * keeps its downloaded models), no stdin, and its whole tree killed on timeout.
 */
final class WhisperBinaryTranscriber implements Transcriber {
    private final Path binary;
    private final String model;
    private final Duration timeout;
    private final ProcessRunner runner = new ProcessRunner();
    private final ChildEnvironment environment = ChildEnvironment.of(System.getenv());

    WhisperBinaryTranscriber(Path binary, String model, Duration timeout) {
        this.binary = binary;
        this.model = model == null || model.isBlank() ? "base" : model.strip();
        this.timeout = timeout;
    }

    @Override
    public String transcribe(Path audioFile) throws IOException, InterruptedException {
        Path outDir = Files.createTempDirectory("whisper-");
        try {
            run(audioFile, outDir);
            return readTranscript(outDir);
        } finally {
            deleteTree(outDir);
        }
    }

    private void run(Path audioFile, Path outDir) throws IOException, InterruptedException {
        Command command = Command.of(outDir, environment, List.of(binary.toString(), audioFile.toString(),
                "--model", model, "--output_format", "txt", "--output_dir", outDir.toString()))
                .withTimeout(timeout).mergingStderr();
        switch (runner.run(command)) {
            case RunResult.Exited exited when exited.exitCode() == 0 -> { }
            case RunResult.Exited exited -> throw new IOException("local whisper exited with status "
                    + exited.exitCode());
            case RunResult.TimedOut timedOut -> throw new IOException("local whisper timed out after "
                    + timeout.toSeconds() + "s");
            case RunResult.NotStarted notStarted -> throw new IOException("cannot start local whisper: "
                    + notStarted.reason());
        }
    }

    private static String readTranscript(Path outDir) throws IOException {
        try (Stream<Path> files = Files.list(outDir)) {
            Path txt = files.filter(f -> f.getFileName().toString().endsWith(".txt")).findFirst()
                    .orElseThrow(() -> new IOException("local whisper wrote no transcript"));
            return Files.readString(txt, StandardCharsets.UTF_8).strip();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
