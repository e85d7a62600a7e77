package com.aspose.words;

/** Stand-in; see {@link SaveOptions}. */
public class SaveOutputParameters {
    private SaveOutputParameters() {
        throw new UnsupportedOperationException("document rendering (Aspose.Words) is not bundled with GoMikroBot");
    }
}
