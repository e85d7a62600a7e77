package com.aspose.words;

/** Stand-in; see {@link SaveOptions}. */
public class ImageSaveOptions extends SaveOptions {
    public ImageSaveOptions(int saveFormat) {
        super();
    }
}
