package gomikrobot.tools.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a {@code Transfer-Encoding: chunked} response: hex size lines (extensions ignored), data, and a
 * last zero-size chunk whose trailers are skipped. A size line longer than 1 KiB or not hex is a broken body.
 */
final class ChunkedInput extends BlockInput {
    private static final int LINE_CAP = 1024;

    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (left == 0 && !nextChunk()) {
            return -1;
        }
        int read = in.read(buffer, offset, (int) Math.min(length, left));
        if (read < 0) {
            throw new EOFException("the connection closed in the middle of a chunk");
        }
        left -= read;
        if (left == 0) {
            line(); // the CRLF after the data
        }
        return read;
    }

    private boolean nextChunk() throws IOException {
        if (done) {
            return false;
        }
        String size = line();
        int semicolon = size.indexOf(';');
        String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).strip();
        try {
            left = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("broken chunked body: size line \"" + size + "\"");
        }
        if (left < 0) {
            throw new IOException("broken chunked body: negative size");
        }
        if (left == 0) {
            done = true;
            while (!line().isEmpty()) {
                // trailers: nothing we use
            }
            return false;
        }
        return true;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the connection closed inside a chunk header");
            }
            if (line.length() >= LINE_CAP) {
                throw new IOException("broken chunked body: a size line over " + LINE_CAP + " bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
