package com.aspose.words;

import java.io.InputStream;
import java.io.OutputStream;

/** Stand-in; see {@link SaveOptions}. cobalt catches the exception and falls back to no page count / thumbnail. */
public class Document {
    public Document(InputStream in) {
        throw new UnsupportedOperationException("document rendering (Aspose.Words) is not bundled with GoMikroBot");
    }

    public int getPageCount() {
        throw new UnsupportedOperationException("document rendering (Aspose.Words) is not bundled with GoMikroBot");
    }

    public SaveOutputParameters save(OutputStream out, SaveOptions options) {
        throw new UnsupportedOperationException("document rendering (Aspose.Words) is not bundled with GoMikroBot");
    }
}
