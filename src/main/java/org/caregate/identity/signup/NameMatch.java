package org.caregate.identity.signup;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Compares a typed legal name with the registry's. People type names without their accents (a US
 * keyboard has no ñ), the EHR may hold them either way, and compatibility forms (full-width
 * letters, ligatures such as ﬁ) look the same on screen: so both sides are decomposed (NFKD), their
 * combining marks dropped, recomposed (NFKC) and lower-cased, and hyphens, apostrophes and dots
 * count as spaces ("O'Brien" is "O Brien", "García-López" is "garcia lopez").
 */
final class NameMatch {

    private NameMatch() {}

    static String key(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return Normalizer.normalize(decomposed, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[-'’.‐]+", " ").replaceAll("\\s+", " ").strip();
    }

    static boolean sameName(String typed, String onFile) {
        return !key(typed).isEmpty() && key(typed).equals(key(onFile));
    }

    /**
     * Given names match when all of them were typed, or only the first: many people leave out a
     * middle name, and the date of birth, family name and a record number or contact still have to match.
     */
    static boolean sameGivenNames(String typed, String onFile) {
        if (sameName(typed, onFile)) {
            return true;
        }
        String first = key(onFile).split(" ")[0];
        return !first.isEmpty() && key(typed).equals(first);
    }
}
