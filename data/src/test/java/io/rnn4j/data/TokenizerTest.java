package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void wordTokenizerSplitsOnNonLettersAndKeepsApostrophesInsideWords() {
        Tokenizer t = Tokenizer.words(true);
        assertThat(t.tokenize("I don't like 'quoted' words -- it's 5 o'clock!<br />Rock'n'roll"))
                .containsExactly("i", "don't", "like", "quoted", "words", "it's", "5", "o'clock", "br", "rock'n'roll");
    }

    @Test
    void wordTokenizerKeepsCaseWhenAskedAndHandlesUnicodeLettersAndCurlyApostrophes() {
        Tokenizer t = Tokenizer.words(false);
        assertThat(t.tokenize("Café Über dont’ can’t  x2y")).containsExactly("Café", "Über", "dont", "can’t", "x2y");
        assertThat(t.tokenize("")).isEmpty();
        assertThat(t.tokenize("  ,;  ")).isEmpty();
    }

    @Test
    void lowercasingDoesNotDependOnTheDefaultLocale() {
        // the Turkish locale lower-cases I to a dotless ı; ROOT does not
        assertThat(Tokenizer.words(true).tokenize("TITLE")).containsExactly("title");
    }

    @Test
    void charTokenizerKeepsEveryCodePointIncludingWhitespace() {
        assertThat(Tokenizer.chars(false).tokenize("Ab c\n😀")).containsExactly("A", "b", " ", "c", "\n", "😀");
        assertThat(Tokenizer.chars(true).tokenize("Ab")).containsExactly("a", "b");
    }

    /** The word tokenizer gives the words of the first implementation (rebuilt code point by code point). */
    @Test
    void wordTokenizerEqualsAPerCodePointReferenceOnRandomText() {
        String alphabet = "ab Z9'\u2019.,-\n\u00e9\u00df\uD83D\uDE00\uD835\uDC00\uD800x \t";
        java.util.Random r = new java.util.Random(5);
        for (int k = 0; k < 2000; k++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertThat(Tokenizer.words(false).tokenize(text)).as("%s", text).isEqualTo(reference(text));
        }
    }

    /**
     * {@link Tokenizer#ids} (words looked up on ranges of the text, reading stopped at the limit) gives the
     * ids of {@code vocabulary.encode(tokenize(text))} cut to the limit, for both kinds, both cases, texts
     * with non-ASCII letters, lone surrogates and a lower-casing that changes the length ('\u0130'), and
     * for vocabularies holding the words, some of them, or colliding hashes ("Aa" and "BB").
     */
    @Test
    void idsEqualTheIdsOfTheTokensCutToTheLimit() {
        String alphabet = "abAB Z9'\u2019.,-\n\u00e9\u00c9\u00df\u0130\uD83D\uDE00\uD835\uDC00\uD800x \t";
        java.util.Random r = new java.util.Random(11);
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            texts.add(sb.toString());
        }
        texts.add("Aa BB aa bb Aa");
        for (boolean lower : new boolean[] {true, false}) {
            for (Tokenizer t : new Tokenizer[] {Tokenizer.words(lower), Tokenizer.chars(lower)}) {
                // every other distinct token of half the texts: known and unknown words both occur
                java.util.List<java.util.List<String>> docs = new java.util.ArrayList<>();
                for (int k = 0; k < texts.size(); k += 2) {
                    docs.add(t.tokenize(texts.get(k)));
                }
                docs.add(java.util.List.of("Aa", "BB", "aa"));
                Vocabulary v = Vocabulary.build(docs, new VocabularyOptions(0, 1, false));
                for (String text : texts) {
                    int[] all = v.encode(t.tokenize(text));
                    for (int max : new int[] {0, -1, 1, 2, 3, 7, 1000}) {
                        int[] expected = max > 0 && all.length > max ? java.util.Arrays.copyOf(all, max) : all;
                        assertThat(t.ids(text, v, max)).as("%s, %s, max %d", t, text, max).containsExactly(expected);
                    }
                }
            }
        }
    }

    private static java.util.List<String> reference(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int[] cps = s.codePoints().toArray();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            boolean apostrophe = cp == '\'' || cp == '\u2019';
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (apostrophe && word.length() > 0 && i + 1 < cps.length && Character.isLetterOrDigit(cps[i + 1])) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }
}
