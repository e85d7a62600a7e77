package gomikrobot.tools.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HtmlTextTest {
    private static String text(String html) {
        return HtmlText.render(html, URI.create("https://site.test/dir/page.html")).text();
    }

    @Test
    void toleratesBrokenMarkup() {
        assertEquals("a < b and c\n\nunclosed", text("<p>a < b and <i>c<p>unclosed<div"));
        assertEquals("text", text("<!-- <p>comment</p> -->text<!-- never closed"));
    }

    @Test
    void orderedListsNumberTablesSeparateCellsAndPreKeepsSpaces() {
        assertEquals("3. c\n4. d", text("<ol start=3><li>c<li>d</ol>"));
        assertEquals("a | b\n1 | 2", text("<table><tr><th>a<th>b<tr><td>1<td>2</table>"));
        assertEquals("x  =  1\n  y", text("<pre>x  =  1\n  y</pre>"));
    }

    @Test
    void linksAndImagesAreResolvedAndDescribed() {
        assertEquals("Next (https://site.test/dir/next.html) [image: A cat] (https://other.test/)",
                text("<a href='next.html'>Next</a> <a href=\"https://other.test/\"><img alt='A cat' src=x.png></a>"));
        assertEquals("top run", text("<a href='#top'>top</a> <a href='javascript:go()'>run</a>"));
        assertEquals("[link: https://site.test/only]", text("<a href=\"/only\"></a>"));
    }

    @Test
    void entitiesAreDecodedAndHiddenContentDropped() {
        assertEquals("Café – “quoted” © 5 > 4 &unknown;",
                text("Caf&eacute; &ndash; &ldquo;quoted&rdquo; &#169; 5 &gt; 4 &unknown;"));
        assertEquals("shown", text("<span aria-hidden=true>icon</span><div style='visibility:hidden'><div>x</div>"
                + "</div>shown<script>document.write('<p>no</p>')</script>"));
    }
}
