package io.rnn4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnn4j.data.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping between tokens and ids, built from a training split.
 *
 * <p>Ids 0 and 1 are always {@code <pad>} and {@code <unk>}; a vocabulary for generation (decoders,
 * language models) also reserves {@code <bos>}=2 and {@code <eos>}=3. The other tokens follow in a
 * deterministic order: most frequent first, ties broken by the token's natural {@link String} order,
 * so the same training text always gives the same ids. An unknown token maps to {@code <unk>}.
 *
 * <p>Saved as JSON ({@link #toJson()}) so that a model archive carries it:
 * <pre>{"format": "rnn4j-vocabulary", "version": 1, "tokens": ["&lt;pad&gt;", "&lt;unk&gt;", "the", ...]}</pre>
 * Instances are immutable.
 */
public final class Vocabulary {
    /** Id of the padding token. */
    public static final int PAD = 0;
    /** Id of the unknown token. */
    public static final int UNK = 1;
    /** Id of the begin-of-sequence token (generation vocabularies only). */
    public static final int BOS = 2;
    /** Id of the end-of-sequence token (generation vocabularies only). */
    public static final int EOS = 3;
    /** The padding token's text. */
    public static final String PAD_TOKEN = "<pad>";
    /** The unknown token's text. */
    public static final String UNK_TOKEN = "<unk>";
    /** The begin-of-sequence token's text. */
    public static final String BOS_TOKEN = "<bos>";
    /** The end-of-sequence token's text. */
    public static final String EOS_TOKEN = "<eos>";

    private static final String FORMAT = "rnn4j-vocabulary";
    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final boolean generation;
    /** Open addressing over the tokens for {@link #id(String, int, int)}: id + 1 per slot, 0 for none. */
    private final int[] slots;
    /** {@code tokens.get(i).hashCode()} by id. */
    private final int[] hashes;

    private Vocabulary(List<String> tokens, String source) {
        this.tokens = List.copyOf(tokens);
        this.generation = tokens.size() > EOS && BOS_TOKEN.equals(tokens.get(BOS)) && EOS_TOKEN.equals(tokens.get(EOS));
        if (tokens.size() < 2 || !PAD_TOKEN.equals(tokens.get(PAD)) || !UNK_TOKEN.equals(tokens.get(UNK))) {
            throw Json.corrupt(source, "vocabulary", "tokens starting with " + tokens.subList(0, Math.min(2, tokens.size())),
                    FORMAT).error();
        }
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (m.put(tokens.get(i), i) != null) {
                throw Json.corrupt(source, "vocabulary", "the token \"" + tokens.get(i) + "\" twice", FORMAT).error();
            }
        }
        this.ids = m;
        int cap = Integer.highestOneBit(Math.max(4, tokens.size() * 2 - 1)) << 1; // a load of at most one half
        int[] slots = new int[cap];
        int[] hashes = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            int h = tokens.get(i).hashCode();
            hashes[i] = h;
            int at = spread(h) & (cap - 1);
            while (slots[at] != 0) {
                at = (at + 1) & (cap - 1);
            }
            slots[at] = i + 1;
        }
        this.slots = slots;
        this.hashes = hashes;
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }

    /**
     * A vocabulary whose ids are the positions in {@code tokens}, which must start with
     * {@code <pad>, <unk>} (and {@code <bos>, <eos>} for generation) and hold no duplicates.
     */
    public static Vocabulary of(List<String> tokens) {
        return new Vocabulary(tokens, "the given token list");
    }

    /**
     * Builds a vocabulary from tokenized training documents: counts every token, keeps those seen at
     * least {@code minFreq} times, orders them by frequency (descending) then token, and keeps the
     * first {@code maxSize} entries including the reserved ones.
     */
    public static Vocabulary build(Iterable<? extends Collection<String>> documents, VocabularyOptions options) {
        Map<String, Integer> counts = new HashMap<>();
        for (Collection<String> doc : documents) {
            for (String t : doc) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        List<String> reserved = options.generation()
                ? List.of(PAD_TOKEN, UNK_TOKEN, BOS_TOKEN, EOS_TOKEN) : List.of(PAD_TOKEN, UNK_TOKEN);
        List<Map.Entry<String, Integer>> entries = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= options.minFreq() && !reserved.contains(e.getKey())) {
                entries.add(e);
            }
        }
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(reserved);
        for (Map.Entry<String, Integer> e : entries) {
            if (options.maxSize() > 0 && tokens.size() >= options.maxSize()) {
                break;
            }
            tokens.add(e.getKey());
        }
        return new Vocabulary(tokens, "the built vocabulary");
    }

    /** Number of ids, reserved ones included. */
    public int size() {
        return tokens.size();
    }

    /** Whether {@code <bos>} and {@code <eos>} are reserved. */
    public boolean generation() {
        return generation;
    }

    /** The id of {@code token}, or {@link #UNK} for a token not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNK : id;
    }

    /**
     * The id of the token {@code text.substring(from, to)}, or {@link #UNK} for one not in the vocabulary:
     * what {@link #id(String)} gives for that substring, without making it.
     */
    public int id(String text, int from, int to) {
        int len = to - from;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i); // String.hashCode's polynomial, so a token's cached hash is its key
        }
        int mask = slots.length - 1;
        for (int at = spread(h) & mask; ; at = (at + 1) & mask) {
            int slot = slots[at];
            if (slot == 0) {
                return UNK;
            }
            int id = slot - 1;
            if (hashes[id] == h) {
                String t = tokens.get(id);
                if (t.length() == len && text.regionMatches(from, t, 0, len)) {
                    return id;
                }
            }
        }
    }

    /** Whether {@code token} has its own id. */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The token of {@code id}. */
    public String token(int id) {
        return tokens.get(id);
    }

    /** All tokens, by id (unmodifiable). */
    public List<String> tokens() {
        return tokens;
    }

    /** The ids of {@code tokens}. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }

    /**
     * The text of {@code ids} joined by {@code separator} ("" for characters, " " for words), for
     * showing decoded output: {@code <pad>} and {@code <bos>} are skipped and decoding stops at the
     * first {@code <eos>}.
     */
    public String decode(int[] ids, String separator) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            if (generation && id == EOS) {
                break;
            }
            if (id == PAD || (generation && id == BOS)) {
                continue;
            }
            out.add(token(id));
        }
        return String.join(separator, out);
    }

    /** This vocabulary as JSON text. */
    public String toJson() {
        ObjectNode n = Json.header(FORMAT);
        ArrayNode a = n.putArray("tokens");
        tokens.forEach(a::add);
        return Json.write(n);
    }

    /** Reads {@link #toJson()}'s form; {@code source} names the text in error messages. */
    public static Vocabulary fromJson(String json, String source) {
        JsonNode n = Json.read(json, source, FORMAT, "vocabulary");
        JsonNode a = n.path("tokens");
        if (!a.isArray()) {
            throw Json.corrupt(source, "vocabulary", "no \"tokens\" list", FORMAT).error();
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode t : a) {
            if (!t.isTextual()) {
                throw Json.corrupt(source, "vocabulary", "the token " + t + " (not a string)", FORMAT).error();
            }
            tokens.add(t.asText());
        }
        return new Vocabulary(tokens, source);
    }

    /** Writes {@link #toJson()} to a UTF-8 file. */
    public void write(Path file) throws IOException {
        Json.writeFile(file, toJson());
    }

    /** Reads a file written by {@link #write(Path)}. */
    public static Vocabulary read(Path file) {
        return fromJson(Json.readFile(file, "vocabulary"), file.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + size() + ", first=" + tokens.subList(0, Math.min(size(), 10)) + "]";
    }
}
