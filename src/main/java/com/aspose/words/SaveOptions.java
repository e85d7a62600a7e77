package com.aspose.words;

/**
 * Stand-in for Aspose.Words, which is not on Maven Central. cobalt's {@code Medias} links against these
 * types to count document pages and render document thumbnails; without them every media send or download
 * fails with {@link NoClassDefFoundError}. With them only those two optional document features are
 * unavailable, and they say so.
 */
public class SaveOptions {
    SaveOptions() {
        throw new UnsupportedOperationException("document rendering (Aspose.Words) is not bundled with GoMikroBot");
    }
}
