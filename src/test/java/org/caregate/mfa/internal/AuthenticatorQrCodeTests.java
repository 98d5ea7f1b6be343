package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server-drawn QR code reads back as the text it was made from. */
class AuthenticatorQrCodeTests {

    static final String URI = "otpauth://totp/Riverbend%20Clinic:ana.diaz?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Riverbend%20Clinic&algorithm=SHA1&digits=6&period=30";

    @Test
    void theSvgReadsBackAsTheUri() throws Exception {
        String svg = new QrCodes().svg(URI);

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
        assertThat(decode(svg)).isEqualTo(URI);
    }

    @Test
    void theDataUriHoldsTheSvg() {
        QrCodes qr = new QrCodes();
        String dataUri = qr.svgDataUri(URI);

        assertThat(dataUri).startsWith("data:image/svg+xml;base64,");
        assertThat(new String(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1)),
                StandardCharsets.UTF_8)).isEqualTo(qr.svg(URI));
    }

    /** Paints the SVG's runs of dark modules as pixels and lets zxing's reader scan them. */
    static String decode(String svg) throws Exception {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int scale = 4;
        int side = modules * scale;
        int[] pixels = new int[side * side];
        Arrays.fill(pixels, 0xFFFFFF);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int py = y * scale; py < (y + 1) * scale; py++) {
                Arrays.fill(pixels, py * side + x0 * scale, py * side + (x0 + length) * scale, 0x000000);
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
