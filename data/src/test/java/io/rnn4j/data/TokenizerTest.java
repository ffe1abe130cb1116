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
}
