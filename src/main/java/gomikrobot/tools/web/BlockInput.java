package gomikrobot.tools.web;

import java.io.IOException;
import java.io.InputStream;

/** A stream that reads in blocks; a one-byte read is a block of one, so subclasses write only the block read. */
abstract class BlockInput extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
