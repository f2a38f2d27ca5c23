package dev.instructor.json;

/**
 * Inline code and quote marks in lenient mode's prose, and whether a thinking marker read inside them was quoted
 * rather than written. A model that writes about a marker quotes it, in inline code (<code>`&lt;think&gt;`</code>)
 * or between quote marks ({@code "<think>"}), and what follows it on its line is prose, not reasoning; a marker
 * written opens a block the model's drafts are in. The block is opened at once, as the marker may be written, and left
 * as prose when the inline code or the quotation closes before the block's closing marker; a line that ends first
 * proves the marker written (the quote never closed; the backtick a stray one, as CommonMark reads a run never closed).
 */
final class InlineQuotes {
    private final ReasoningBlock reasoning;

    /** The length of the run of backticks that opened the inline code being read, else 0. */
    private int inlineCode;
    /**
     * The length of the inline code's opening run when the block being read opened inside that code, else 0: should
     * a run of that length close the code before the block's closing marker, the marker was quoted, not written.
     */
    private int quotedBlock;
    /** In a block opened inside inline code: the length of the run of backticks just read. */
    private int quotedRun;
    /**
     * The quote mark that closes the one right before the opening marker of the block being read, else 0: on the
     * marker's line, before its closing marker, it shows the marker written about ({@code "<think>"}), not written.
     */
    private char closingQuote;

    InlineQuotes(ReasoningBlock reasoning) {
        this.reasoning = reasoning;
    }

    /** Returns the length of the run of backticks that opened the inline code being read, or 0 outside inline code. */
    int inlineCode() {
        return inlineCode;
    }

    /** Opens inline code with a run of {@code length} backticks, which a run as long closes. */
    void openInlineCode(int length) {
        inlineCode = length;
    }

    /** Ends the inline code being read: closed by its run, or left open at the end of its line (a stray backtick). */
    void closeInlineCode() {
        inlineCode = 0;
    }

    /**
     * Notes that a block's opening marker was just read in prose: quoted if the inline code it is in closes before the
     * block does, or if the quote mark right before it closes on its line.
     */
    void blockOpened() {
        quotedBlock = inlineCode;
        quotedRun = 0;
        closingQuote = closingQuote(reasoning.charBefore());
    }

    /** Notes that the block was closed by its marker: what follows is in the inline code still, if any. */
    void blockClosed() {
        quotedBlock = 0;
        closingQuote = 0;
    }

    /**
     * Reads {@code c} inside a block whose marker may prove quoted, or prose; returns true when it did, the block then
     * left and {@code c} prose: when {@code c} shows stripped Harmony's {@code analysis} a word (see {@link
     * ReasoningBlock#leavesAsProse}), when {@code c} closes the quote mark right before the marker, on its line ({@code
     * "<think>"}, {@code "<|channel|>analysis<|message|>"}), or when the run of backticks before {@code c} closed the
     * inline code the marker is in (<code>`&lt;think&gt;`</code>). A line that ends first proves the marker written:
     * the block goes on as any other, up to its closing marker.
     */
    boolean leavesQuotedBlock(char c) {
        if (reasoning.leavesAsProse(c)) {
            return true;
        }
        if (closingQuote != 0) {
            if (c == closingQuote) {
                reasoning.leave();
                closingQuote = 0;
                quotedBlock = 0;
                return true; // the quote mark is prose, in the inline code still if the marker was in it
            }
            if (c == '\n' || c == '\r') {
                closingQuote = 0; // the quotation ended with its line: the marker was written
            }
        }
        if (quotedBlock == 0) {
            return false;
        }
        if (c == '`') {
            quotedRun++;
            return false;
        }
        boolean closes = quotedRun == quotedBlock;
        quotedRun = 0;
        if (closes) {
            reasoning.leave();
            quotedBlock = 0;
            inlineCode = 0;
            return true;
        }
        if (c == '\n' || c == '\r') {
            quotedBlock = 0;
            inlineCode = 0;
        }
        return false;
    }

    /**
     * Returns true when the input, ending now, ends the block being read as quoted: right after the run that closes the
     * inline code around its marker.
     */
    boolean endsQuotedBlock() {
        return quotedBlock != 0 && quotedRun == quotedBlock;
    }

    /** Returns the quote mark that closes {@code open}, or 0 when {@code open} opens no quotation. */
    private static char closingQuote(char open) {
        return switch (open) {
            case '"', '\'' -> open;
            case '\u201c' -> '\u201d';
            case '\u2018' -> '\u2019';
            case '\u00ab' -> '\u00bb';
            default -> 0;
        };
    }
}
