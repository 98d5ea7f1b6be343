package org.caregate.record.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.GregorianCalendar;
import java.util.Locale;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.caregate.record.internal.RecordDownloads.Contents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The record as a PDF a person reads or prints: who it is for and when it was made, then health
 * issues, medications, allergies, immunizations, test results (newest first), visits with their
 * measurements and summaries, clinical notes, and anything else the record holds ({@link PdfSections}).
 * Headings in the reader's language; the record's own words as the EHR sent them.
 *
 * <p>The font is DejaVu Sans, shipped in {@code fonts/} with its licence: PDF's standard fonts
 * cannot print "≤", "–" or many accented letters.
 */
@Component
class RecordPdf {

    private final MessageSource messages;
    private final ZoneId zone;
    private final byte[] regular;
    private final byte[] bold;
    private final BitSet printable;

    RecordPdf(MessageSource messages, @Value("${caregate.session.display-zone:America/Chicago}") ZoneId zone)
            throws IOException {
        this.messages = messages;
        this.zone = zone;
        this.regular = font("fonts/DejaVuSans.ttf");
        this.bold = font("fonts/DejaVuSans-Bold.ttf");
        this.printable = printable(regular);
        this.printable.and(printable(bold));
    }

    byte[] print(Contents contents, Locale locale) {
        try (var document = new PDDocument()) {
            var text = new PdfWords(messages, locale, zone);
            var info = document.getDocumentInformation();
            info.setTitle(text.get("pdf.documentTitle", contents.patient().legalName()));
            info.setCreator("Caregate");
            var made = new GregorianCalendar();
            made.setTimeInMillis(contents.madeAt().toEpochMilli());
            info.setCreationDate(made);
            document.getDocumentCatalog().setLanguage(locale.toLanguageTag());
            var preferences = new PDViewerPreferences(new COSDictionary());
            preferences.setDisplayDocTitle(true);
            document.getDocumentCatalog().setViewerPreferences(preferences);

            var pages = new PdfPages(document, regular, bold, printable);
            new PdfSections(pages, text, contents).write();
            // Each page says whose record it is, so a loose printed page finds its way back.
            pages.finish(contents.patient().legalName() + " · " + text.get("pdf.born") + " "
                    + text.day(contents.patient().dateOfBirth()), (n, total) -> text.get("pdf.page", n, total));
            var out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] font(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** The code points a TrueType font has a glyph for (the Basic Multilingual Plane; beyond it prints as "?"). */
    private static BitSet printable(byte[] font) throws IOException {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            var set = new BitSet(0x10000);
            for (int c = 0x20; c < 0x10000; c++) {
                if (cmap.getGlyphId(c) > 0) {
                    set.set(c);
                }
            }
            return set;
        }
    }
}
