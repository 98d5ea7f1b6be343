package org.caregate.record.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Text laid out on US Letter pages: headings kept with what follows, paragraphs and table cells
 * wrapped to their width, a table's header repeated on each page it runs onto, and a footer on
 * every page once the number of pages is known. One per document; not for sharing between threads.
 */
final class PdfPages {

    static final PDRectangle SIZE = PDRectangle.LETTER;
    private static final float MARGIN = 54;
    private static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
    private static final float TOP = SIZE.getHeight() - MARGIN;
    private static final float BOTTOM = MARGIN;
    private static final float BODY = 10;
    private static final float SMALL = 9;
    private static final float CELL_PAD = 4;

    /** A table column: its header and its share of the width. */
    record Column(String header, float share) {}

    /** A table cell; strong cells are printed in bold (a flag, so it does not rest on colour). */
    record Cell(String text, boolean strong) {
        static Cell of(String text) {
            return new Cell(text, false);
        }
    }

    private final PDDocument document;
    private final PDFont regular;
    private final PDFont bold;
    private final BitSet printable;
    private PDPageContentStream content;
    private float y;

    /**
     * @param printable the code points both fonts can draw; anything else prints as "?" (PDFBox
     *     refuses to draw a character its font lacks)
     */
    PdfPages(PDDocument document, byte[] regularFont, byte[] boldFont, BitSet printable) throws IOException {
        this.document = document;
        this.regular = PDType0Font.load(document, new RandomAccessReadBuffer(regularFont), true, /* vertical */ false);
        this.bold = PDType0Font.load(document, new RandomAccessReadBuffer(boldFont), true, /* vertical */ false);
        this.printable = printable;
        newPage();
    }

    void title(String text) throws IOException {
        lines(text, bold, 18, 24, WIDTH, MARGIN);
        y -= 4;
    }

    void heading(String text) throws IOException {
        // With room for a table's header and first rows, or a visit's first lines.
        room(110);
        y -= 14;
        lines(text, bold, 14, 18, WIDTH, MARGIN);
        rule(0.6f, 0.4f);
        y -= 6;
    }

    void subheading(String text) throws IOException {
        room(14 + 3 * BODY * 1.35f);
        y -= 6;
        lines(text, bold, 11, 14, WIDTH, MARGIN);
        y -= 2;
    }

    /** A bold line at body size: the name of what follows. */
    void label(String text) throws IOException {
        room(3 * BODY * 1.35f);
        lines(text, bold, BODY, BODY * 1.35f, WIDTH, MARGIN);
    }

    void paragraph(String text) throws IOException {
        lines(text, regular, BODY, BODY * 1.35f, WIDTH, MARGIN);
        y -= 4;
    }

    /** "Label: value" with the label in bold, wrapped as one paragraph. */
    void labelled(String text, String value) throws IOException {
        if (value.isBlank()) {
            return;
        }
        String label = clean(text);
        float labelWidth = width(label + ": ", bold, BODY);
        if (labelWidth > WIDTH / 3) {
            lines(label, bold, BODY, BODY * 1.35f, WIDTH, MARGIN);
            paragraph(value);
            return;
        }
        List<String> wrapped = wrap(value, regular, BODY, WIDTH - labelWidth);
        for (int i = 0; i < wrapped.size(); i++) {
            room(BODY * 1.35f);
            if (i == 0) {
                show(label + ":", bold, BODY, MARGIN);
            }
            show(wrapped.get(i), regular, BODY, MARGIN + labelWidth);
            y -= BODY * 1.35f;
        }
        y -= 2;
    }

    void space(float points) {
        y -= points;
    }

    void table(List<Column> columns, List<List<Cell>> rows) throws IOException {
        float total = (float) columns.stream().mapToDouble(Column::share).sum();
        float[] widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = WIDTH * columns.get(i).share() / total;
        }
        List<Cell> header = columns.stream().map(c -> new Cell(c.header(), true)).toList();
        room(height(header, widths) + 2 * (SMALL * 1.3f + 2 * CELL_PAD));
        row(header, widths, true);
        for (List<Cell> row : rows) {
            if (y - height(row, widths) < BOTTOM) {
                newPage();
                row(header, widths, true);
            }
            row(row, widths, false);
        }
        y -= 6;
    }

    /**
     * Writes each page's footer, now that their number is known, and closes the last page.
     *
     * @param right the text at the right for page {@code n} of {@code total}
     */
    void finish(String left, BiFunction<Integer, Integer, String> right) throws IOException {
        content.close();
        int total = document.getNumberOfPages();
        for (int n = 1; n <= total; n++) {
            PDPage page = document.getPage(n - 1);
            try (var footer = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                footer.setStrokingColor(0.6f, 0.6f, 0.6f);
                footer.setLineWidth(0.5f);
                footer.moveTo(MARGIN, BOTTOM - 14);
                footer.lineTo(MARGIN + WIDTH, BOTTOM - 14);
                footer.stroke();
                String pageText = clean(right.apply(n, total));
                float rightWidth = width(pageText, regular, 8);
                text(footer, fit(clean(left), regular, 8, WIDTH - rightWidth - 12), regular, 8, MARGIN, BOTTOM - 26);
                text(footer, pageText, regular, 8, MARGIN + WIDTH - rightWidth, BOTTOM - 26);
            }
        }
    }

    private void row(List<Cell> cells, float[] widths, boolean header) throws IOException {
        float height = height(cells, widths);
        float x = MARGIN;
        float top = y;
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            PDFont font = cell.strong() ? bold : regular;
            float lineY = top - CELL_PAD - SMALL;
            for (String line : wrap(cell.text(), font, SMALL, widths[i] - 2 * CELL_PAD)) {
                show(line, font, SMALL, x + CELL_PAD, lineY);
                lineY -= SMALL * 1.3f;
            }
            x += widths[i];
        }
        y = top - height;
        rule(header ? 0.8f : 0.3f, header ? 0.3f : 0.75f);
    }

    private float height(List<Cell> cells, float[] widths) {
        int most = 1;
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            most = Math.max(most, wrap(cell.text(), cell.strong() ? bold : regular, SMALL, widths[i] - 2 * CELL_PAD).size());
        }
        // From the top padding to the first baseline, line to line, the last line's descent, the bottom padding.
        return CELL_PAD + SMALL + (most - 1) * SMALL * 1.3f + 0.25f * SMALL + CELL_PAD;
    }

    private void lines(String text, PDFont font, float size, float leading, float width, float x) throws IOException {
        for (String line : wrap(text, font, size, width)) {
            room(leading);
            show(line, font, size, x);
            y -= leading;
        }
    }

    private void rule(float lineWidth, float grey) throws IOException {
        content.setStrokingColor(grey, grey, grey);
        content.setLineWidth(lineWidth);
        content.moveTo(MARGIN, y);
        content.lineTo(MARGIN + WIDTH, y);
        content.stroke();
    }

    /** Starts a new page unless this much height is left (a heading asks for room for what follows it too). */
    private void room(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(SIZE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = TOP;
    }

    private void show(String line, PDFont font, float size, float x) throws IOException {
        show(line, font, size, x, y - size);
    }

    private void show(String line, PDFont font, float size, float x, float baseline) throws IOException {
        text(content, line, font, size, x, baseline);
    }

    private static void text(PDPageContentStream stream, String line, PDFont font, float size, float x, float baseline)
            throws IOException {
        if (line.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.setNonStrokingColor(0.1f, 0.1f, 0.1f);
        stream.setFont(font, size);
        stream.newLineAtOffset(x, baseline);
        stream.showText(line);
        stream.endText();
    }

    /** Lines no wider than {@code width}: at spaces, and inside a word only when it alone is too wide. */
    private List<String> wrap(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        float space = width(" ", font, size);
        for (String paragraph : clean(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float used = 0;
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                float wordWidth = width(word, font, size);
                if (!line.isEmpty() && used + space + wordWidth <= width) {
                    line.append(' ').append(word);
                    used += space + wordWidth;
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (wordWidth > width) {
                    String part = fit(word, font, size, width);
                    lines.add(part);
                    word = word.substring(part.length());
                    wordWidth = width(word, font, size);
                }
                line.append(word);
                used = wordWidth;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The longest start of {@code text} that fits, at least one character. */
    private String fit(String text, PDFont font, float size, float width) {
        int end = text.length();
        while (end > 0 && width(text.substring(0, end), font, size) > width) {
            int shorter = text.offsetByCodePoints(end, -1);
            if (shorter == 0) {
                break;
            }
            end = shorter;
        }
        return text.substring(0, end);
    }

    private static float width(String text, PDFont font, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Composed accents, tabs as spaces, no other control characters, "?" for what the font cannot draw. */
    private String clean(String text) {
        String composed = Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append('\n');
            } else if (c == '\t' || Character.isSpaceChar(c)) {
                out.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                // nothing: not printable, and not text a person wrote
            } else {
                out.appendCodePoint(printable.get(c) ? c : '?');
            }
        });
        return out.toString();
    }
}
