package gomikrobot.channels.whatsapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a local whisper command line ({@code <binary> <file> --model <model> --output_format txt --output_dir
 * <tmp>}, the openai-whisper CLI) and reads the text file it writes. The child gets an empty environment
 * apart from PATH and HOME, so no API key reaches it; it is killed with its children on timeout.
 */
final class WhisperBinaryTranscriber implements Transcriber {
    private final Path binary;
    private final String model;
    private final Duration timeout;

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
        ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(), audioFile.toString(),
                "--model", model, "--output_format", "txt", "--output_dir", outDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(outDir.resolve("whisper.log").toFile());
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().put("HOME", outDir.toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("local whisper timed out after " + timeout.toSeconds() + "s");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IOException("local whisper exited with status " + process.exitValue());
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
