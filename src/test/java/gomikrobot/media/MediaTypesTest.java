package gomikrobot.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void aFileNamesTypeComesFromItsExtensionIgnoringCase() {
        assertEquals("image/jpeg", MediaTypes.ofFileName("photo.JPEG"));
        assertEquals("audio/ogg", MediaTypes.ofFileName("voice.opus"));
        assertEquals("text/html; charset=utf-8", MediaTypes.ofFileName("index.html"));
    }

    @Test
    void unknownOrMissingExtensionsAreOctetStream() {
        assertEquals(MediaTypes.OCTET_STREAM, MediaTypes.ofFileName("README"));
        assertEquals(MediaTypes.OCTET_STREAM, MediaTypes.ofFileName("archive.xyz"));
        assertEquals(MediaTypes.OCTET_STREAM, MediaTypes.ofFileName("dir.d/file"));
    }

    @Test
    void aTypeIsSavedWithItsFirstExtensionWhateverItsParameters() {
        assertEquals("ogg", MediaTypes.extensionFor("audio/ogg; codecs=opus"));
        assertEquals("jpg", MediaTypes.extensionFor("Image/JPEG"));
        assertEquals("", MediaTypes.extensionFor("application/x-unknown"));
        assertEquals("", MediaTypes.extensionFor(null));
    }

    @Test
    void savingAndServingAgree() {
        for (String type : new String[] {"image/png", "audio/mpeg", "application/pdf", "video/mp4"}) {
            assertEquals(type, MediaTypes.ofFileName("f." + MediaTypes.extensionFor(type)));
        }
    }

    @Test
    void onlyPlausibleExtensionsAreTaken() {
        assertEquals("pdf", MediaTypes.extensionOf("Report.PDF"));
        assertEquals("", MediaTypes.extensionOf("weird.ext with space"));
        assertEquals("", MediaTypes.extensionOf(null));
    }
}
