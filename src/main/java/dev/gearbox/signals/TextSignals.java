package dev.gearbox.signals;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content detectors behind {@link Signals}: each reads prompt text and answers one question.
 * Pure functions over strings; patterns are compiled once. Callers bound the text they pass (see
 * {@link SignalExtractor#SCAN_CHARS}), so a 1 MB prompt costs no more than a long one.
 */
public final class TextSignals {
    private TextSignals() {}

    // ---- code ------------------------------------------------------------------------------
    private static final Pattern FENCE = Pattern.compile("```[ \\t]*([A-Za-z0-9_+#.-]*)");
    /** A line that reads like code, matched from the line's start (a brace may follow on the next line). */
    private static final Pattern CODE_LINE = Pattern.compile(
            "(?m)\\s*(?:def \\w+\\(|class \\w+[(:{ ]|function\\s*\\w*\\s*\\(|(?:public|private|protected|static)\\s+[\\w<>\\[\\]]+\\s+\\w+\\s*\\("
                    + "|#include\\s*[<\"]|import\\s+[\\w.]+|from\\s+[\\w.]+\\s+import\\s|package\\s+\\w+|func\\s+\\w+\\(|fn\\s+\\w+\\(|let\\s+mut\\s"
                    + "|const\\s+\\w+\\s*=|var\\s+\\w+\\s*=|SELECT\\s+.+\\s+FROM\\s|INSERT\\s+INTO\\s|CREATE\\s+TABLE\\s|<\\?php|#!/(?:usr/)?bin/"
                    + "|\\w+\\s*=\\s*\\w+\\(.*\\)\\s*;?\\s*$|(?:if|for|while)\\s*\\(.*\\)\\s*\\{|\\}\\s*(?:else)?\\s*\\{?\\s*$|return\\s+.+;\\s*$|\\w+(?:\\.\\w+)+\\(.*\\)\\s*;\\s*$)");
    private static final Map<String, Pattern> LANGUAGES = new java.util.LinkedHashMap<>();

    static {
        LANGUAGES.put("python", Pattern.compile("(?m)^\\s*(?:def \\w+\\(.*\\):|from \\w[\\w.]* import |import \\w+\\s*$|print\\()|self\\.\\w+|elif "));
        LANGUAGES.put("java", Pattern.compile("public (?:static )?(?:class|void|final)|System\\.out\\.|@Override|import java\\."));
        LANGUAGES.put("typescript", Pattern.compile(":\\s*(?:string|number|boolean)\\b[;,)=]|interface \\w+ \\{|import .* from '"));
        LANGUAGES.put("javascript", Pattern.compile("console\\.log|=>|function\\s*\\w*\\(|const \\w+ = require\\(|document\\."));
        LANGUAGES.put("go", Pattern.compile("(?m)^package \\w+|func \\w+\\(|fmt\\.Print|:= "));
        LANGUAGES.put("rust", Pattern.compile("fn \\w+\\(|let mut |println!|impl \\w+|-> Result<"));
        LANGUAGES.put("cpp", Pattern.compile("#include\\s*<(?:iostream|vector|string)>|std::|cout\\s*<<"));
        LANGUAGES.put("c", Pattern.compile("#include\\s*<stdio\\.h>|printf\\(|malloc\\("));
        LANGUAGES.put("sql", Pattern.compile("(?i)\\bSELECT\\b.+\\bFROM\\b|\\bINSERT INTO\\b|\\bCREATE TABLE\\b|\\bJOIN\\b.+\\bON\\b"));
        LANGUAGES.put("bash", Pattern.compile("#!/bin/(?:ba)?sh|\\$\\{?\\w+\\}?|\\becho \\$|\\bgrep -"));
        LANGUAGES.put("html", Pattern.compile("<(?:div|html|body|span|p|a href)[ >]"));
    }

    /** Whether the text holds a fenced code block. */
    public static boolean fencedCode(String text) {
        int i = text.indexOf("```");
        return i >= 0 && text.indexOf("```", i + 3) > i;
    }

    /** Code, fenced or not: a fence, or at least two lines that read like code. */
    public static boolean code(String text) {
        if (fencedCode(text)) return true;
        Matcher m = CODE_LINE.matcher(text);
        int lines = 0;
        // each keyword's next occurrence at or after the current line, found once per occurrence (-1: none left)
        int[] keyword = new int[CODE_KEYWORDS.length];
        java.util.Arrays.fill(keyword, -2);
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            if (mayBeCode(text, start, end, keyword) && m.region(start, text.length()).lookingAt() && ++lines >= 2) return true;
            start = end + 1;
        }
        return false;
    }

    /**
     * Whether a line could match {@link #CODE_LINE}: every alternative needs one of these characters
     * or one of these keywords, and most prose lines have none, so the regex runs on few lines.
     * {@code keyword} holds each keyword's next occurrence, so the text is searched once per keyword.
     */
    private static boolean mayBeCode(String text, int start, int end, int[] keyword) {
        for (int i = start; i < end; i++) {
            switch (text.charAt(i)) {
                case '(', '#', '=', '{', '}', ';', '<' -> {
                    return true;
                }
                default -> { }
            }
        }
        for (int k = 0; k < keyword.length; k++) {
            if (keyword[k] != -1 && keyword[k] < start) keyword[k] = text.indexOf(CODE_KEYWORDS[k], start);
            if (keyword[k] >= start && keyword[k] < end) return true;
        }
        return false;
    }

    private static final String[] CODE_KEYWORDS = {"class ", "import", "package", "let", "SELECT", "INSERT", "CREATE"};

    /** The code's language: the fence's tag when there is one, else the first language whose idioms appear; null when unsure. */
    public static String codeLanguage(String text) {
        Matcher f = FENCE.matcher(text);
        if (f.find() && !f.group(1).isEmpty()) return normaliseLanguage(f.group(1));
        for (var e : LANGUAGES.entrySet()) if (e.getValue().matcher(text).find()) return e.getKey();
        return null;
    }

    private static String normaliseLanguage(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "py", "python3" -> "python";
            case "js", "jsx", "node" -> "javascript";
            case "ts", "tsx" -> "typescript";
            case "c++", "cc", "cxx", "hpp" -> "cpp";
            case "sh", "shell", "zsh" -> "bash";
            case "golang" -> "go";
            case "rs" -> "rust";
            default -> t;
        };
    }

    // ---- math -------------------------------------------------------------------------------
    private static final Pattern LATEX = Pattern.compile("\\\\(?:frac|sum|int|sqrt|cdot|times|leq|geq|alpha|beta|theta|pi|lim)\\b|\\$[^$\\n]{1,80}\\$");
    private static final Pattern ALGEBRA = Pattern.compile("\\b[xyzn]\\s*\\^\\s*\\d|\\b\\d*[xy]\\s*[-+]\\s*\\d+\\s*=\\s*\\d");
    private static final Lexicon MATH_WORDS = new Lexicon("solve for", "equation*", "integral*", "derivative*", "differentiate",
            "probabilit*", "arithmetic", "algebra*", "polynomial*", "how many", "how much money", "how much did", "how much does",
            "how much will", "how much more", "percent", "percentage", "calculat*", "compute the", "theorem", "prime number",
            "remainder");

    public static boolean math(String text) {
        return math(text, new Words(text));
    }

    static boolean math(String text, Words w) {
        if (MATH_WORDS.any(w) || arithmetic(text)) return true;
        if ((text.indexOf('\\') >= 0 || text.indexOf('$') >= 0) && LATEX.matcher(text).find()) return true;
        return (text.indexOf('^') >= 0 || text.indexOf('=') >= 0) && ALGEBRA.matcher(text).find();
    }

    /** A number, an operator, a number, then "=", "?" or the end: "17 * 23?", "2+2=". A scan, not a regex (hot path). */
    static boolean arithmetic(String t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (!Character.isDigit(t.charAt(i)) || (i > 0 && Character.isDigit(t.charAt(i - 1)))) continue;
            int j = number(t, i);
            j = spaces(t, j);
            if (j >= n || "+-*/^×÷".indexOf(t.charAt(j)) < 0) continue;
            j = spaces(t, j + 1);
            if (j < n && t.charAt(j) == '(') j++;
            if (j >= n || !Character.isDigit(t.charAt(j))) continue;
            j = number(t, j);
            if (j < n && t.charAt(j) == ')') j++;
            j = spaces(t, j);
            if (j >= n || t.charAt(j) == '=' || t.charAt(j) == '?') return true;
        }
        return false;
    }

    private static int number(String t, int i) {
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || (t.charAt(i) == '.' && i + 1 < t.length()
                && Character.isDigit(t.charAt(i + 1))))) i++;
        return i;
    }

    private static int spaces(String t, int i) {
        while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
        return i;
    }

    // ---- structured data ----------------------------------------------------------------------
    private static final Pattern JSON_LIKE = Pattern.compile("[\\[{]\\s*\"[^\"\\n]{1,64}\"\\s*:");
    private static final Pattern XML_LIKE = Pattern.compile("<\\?xml|<([A-Za-z][\\w:-]*)(?:\\s[^<>]*)?>[^<]*</\\1>");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}:?\\s*\\|");

    public static Set<StructuredData> structured(String text) {
        EnumSet<StructuredData> out = EnumSet.noneOf(StructuredData.class);
        if (text.indexOf('"') >= 0 && JSON_LIKE.matcher(text).find()) out.add(StructuredData.JSON);
        if (text.indexOf("</") >= 0 || text.contains("<?xml")) {
            if (XML_LIKE.matcher(text).find()) out.add(StructuredData.XML);
        }
        if (text.contains("---") && TABLE_ROW.matcher(text).find()) out.add(StructuredData.TABLE);
        if (csv(text)) out.add(StructuredData.CSV);
        return out;
    }

    /** Three or more consecutive lines with the same number (at least two) of commas or tabs. */
    static boolean csv(String text) {
        int run = 0, prev = -1;
        char sep = 0;
        int lines = 0;
        int from = 0;
        while (from <= text.length() && lines++ < 2000) {
            int nl = text.indexOf('\n', from);
            int end = nl < 0 ? text.length() : nl;
            int commas = 0, tabs = 0;
            for (int i = from; i < end; i++) {
                char c = text.charAt(i);
                if (c == ',') commas++;
                else if (c == '\t') tabs++;
            }
            char s = tabs >= 2 ? '\t' : ',';
            int n = s == '\t' ? tabs : commas;
            if (n >= 2 && n == prev && s == sep) {
                if (++run >= 3) return true;
            } else {
                run = n >= 2 ? 1 : 0;
            }
            prev = n;
            sep = s;
            if (nl < 0) break;
            from = nl + 1;
        }
        return false;
    }

    // ---- instructions -------------------------------------------------------------------------
    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^[ \\t]*(?:\\d{1,2}[.)]|[-*•]|[Ss]tep \\d+[:.])[ \\t]+\\S");
    private static final Lexicon SEQUENCE = new Lexicon("first", "firstly", "second", "secondly", "third", "thirdly", "then",
            "next", "after that", "afterwards", "finally", "lastly", "additionally");

    /** How many instructions or steps the prompt gives: list items, or sequence words plus one. */
    public static int instructions(String text) {
        return instructions(text, new Words(text));
    }

    static int instructions(String text, Words w) {
        int items = 0;
        if (text.indexOf('\n') >= 0) {
            Matcher m = LIST_ITEM.matcher(text);
            while (m.find()) items++;
        }
        int seq = SEQUENCE.count(w);
        int sentences = w.size() == 0 ? 0 : 1;
        return Math.max(items, seq == 0 ? sentences : seq + 1);
    }

    // ---- complexity markers -------------------------------------------------------------------
    private static final Lexicon COMPLEX = new Lexicon("step by step", "in detail", "detailed", "comprehensive", "thorough",
            "thoroughly", "rigorous", "rigorously", "prove", "proof", "analyze", "analyse", "analysis", "in depth", "complex",
            "advanced", "edge case", "edge cases", "optimize", "optimise", "trade off", "trade offs", "tradeoff", "tradeoffs",
            "architecture", "multi step", "carefully", "nuanced", "deep dive", "critically", "justify", "derive");
    private static final Lexicon SIMPLE = new Lexicon("briefly", "brief", "one word", "one sentence", "short", "simple",
            "quick", "quickly", "just", "only", "yes or no", "tl dr", "tldr");

    public static int complexityMarkers(String text) {
        return COMPLEX.count(new Words(text));
    }

    static int complexityMarkers(Words w) {
        return COMPLEX.count(w);
    }

    public static int simplicityMarkers(String text) {
        return SIMPLE.count(new Words(text));
    }

    static int simplicityMarkers(Words w) {
        return SIMPLE.count(w);
    }

    // ---- high-stakes domains --------------------------------------------------------------------
    private static final Map<Domain, Lexicon> DOMAINS = Map.of(
            Domain.MEDICAL, new Lexicon("diagnosis", "diagnose", "diagnoses", "symptom", "symptoms", "dosage", "dose", "medication*",
                    "prescrib*", "prescription", "disease*", "treatment*", "patient", "patients", "surgery", "cancer", "tumor", "tumour",
                    "pregnant", "pregnancy", "side effect", "side effects", "clinical", "doctor", "physician", "chest pain",
                    "blood pressure", "insulin", "antibiotic", "antibiotics", "mg"),
            Domain.LEGAL, new Lexicon("lawsuit", "sue", "contract", "contracts", "liability", "liabilities", "attorney", "lawyer",
                    "legal", "legally", "court", "statute", "compliance", "gdpr", "hipaa", "copyright", "trademark", "regulation",
                    "regulatory", "indemnif*", "custody", "divorce", "tenant", "landlord", "visa", "immigration", "plaintiff",
                    "defendant", "non compete"),
            Domain.FINANCIAL, new Lexicon("invest", "investing", "investment", "investments", "portfolio", "tax", "taxes", "loan",
                    "mortgage", "stock", "stocks", "securities", "retirement", "401k", "401 k", "ira", "bankruptcy", "accounting",
                    "audit", "credit score", "financial advice", "interest rate", "dividend", "dividends", "crypto",
                    "cryptocurrency", "hedge fund", "capital gains"),
            Domain.SAFETY, new Lexicon("suicid*", "self harm", "kill myself", "kill himself", "kill herself", "overdose", "weapon",
                    "weapons", "explosive", "explosives", "bomb", "emergency", "poison", "poisoning", "poisoned", "abuse", "abused",
                    "violence", "threaten"));

    public static Set<Domain> domains(String text) {
        return domains(new Words(text));
    }

    static Set<Domain> domains(Words w) {
        EnumSet<Domain> out = EnumSet.noneOf(Domain.class);
        for (var e : DOMAINS.entrySet()) if (e.getValue().any(w)) out.add(e.getKey());
        return out;
    }

    // ---- requested output size --------------------------------------------------------------------
    private static final Lexicon SHORT_ASK = new Lexicon("one word", "single word", "a word", "one sentence", "single sentence",
            "a sentence", "one line", "a line", "briefly", "in short", "yes or no", "tl dr", "tldr", "short answer", "short reply",
            "short poem", "short story", "short summary", "short note", "short message", "short description");
    private static final Lexicon LONG_ASK = new Lexicon("essay", "article", "report", "chapter", "long", "detailed",
            "comprehensive", "full", "complete guide", "complete implementation", "in depth", "in detail", "pages");
    private static final Lexicon MEDIUM_ASK = new Lexicon("paragraph", "a few sentences", "summary", "list of", "outline");

    public static OutputSize outputSize(String text) {
        return outputSize(new Words(text));
    }

    static OutputSize outputSize(Words w) {
        for (int i = 0; i + 1 < w.words.length; i++) {
            String unit = w.words[i + 1];
            if ((unit.startsWith("word") || unit.startsWith("token")) && isNumber(w.words[i]) && w.words[i].length() >= 2) {
                int n = Integer.parseInt(w.words[i].length() > 6 ? "999999" : w.words[i]);
                return n <= 60 ? OutputSize.SHORT : n <= 400 ? OutputSize.MEDIUM : OutputSize.LONG;
            }
        }
        if (SHORT_ASK.any(w)) return OutputSize.SHORT;
        if (LONG_ASK.any(w)) return OutputSize.LONG;
        if (MEDIUM_ASK.any(w)) return OutputSize.MEDIUM;
        return OutputSize.UNSPECIFIED;
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return !s.isEmpty();
    }

    // ---- task type ----------------------------------------------------------------------------------
    private static final Lexicon LANGUAGE_NAMES = new Lexicon("english", "french", "spanish", "german", "italian", "portuguese",
            "chinese", "japanese", "korean", "russian", "arabic", "hindi", "dutch");
    private static final Lexicon TRANSLATION = new Lexicon("translat*");
    private static final Lexicon SUMMARIZATION = new Lexicon("summary", "summari*", "summarize", "summarise", "tl dr", "tldr",
            "key points", "key takeaways", "condense", "gist");
    private static final Lexicon EXTRACTION = new Lexicon("extract*", "pull out", "list all the", "find all the", "get all the",
            "list all", "find all", "get all");
    private static final Lexicon CLASSIFICATION = new Lexicon("classif*", "categori*", "label this", "label the", "label each",
            "sentiment", "which category", "which class", "which label", "spam");
    private static final Lexicon REWRITING = new Lexicon("rewrite", "re write", "rephrase", "paraphrase", "proofread", "reword",
            "polish", "fix the grammar", "fix grammar", "fix the spelling", "fix spelling", "fix typos", "fix the typos",
            "more formal", "more concise", "more professional", "less formal", "shorter", "clearer", "edit this", "edit my",
            "edit the");
    private static final Lexicon GENERATION_VERBS = new Lexicon("write", "compose", "draft", "create", "generate", "come up with");
    private static final Lexicon GENERATION_NOUNS = new Lexicon("story", "poem", "haiku", "essay", "email", "e mail", "blog",
            "article", "letter", "tweet", "post", "slogan", "tagline", "name", "names", "ideas", "description", "song", "lyrics",
            "speech", "script", "limerick", "joke", "outline", "ad");
    private static final Lexicon REASONING = new Lexicon("why", "explain how", "explain why", "explain the difference", "analyze",
            "analyse", "compare", "contrast", "evaluate", "pros and cons", "step by step", "prove", "reasoning", "trade off",
            "trade offs", "tradeoffs", "what would happen if", "plan a", "plan an", "plan the", "plan my", "design a",
            "design an", "design the", "should i", "implication", "implications", "logic puzzle", "infer");
    private static final Lexicon QA_OPENERS = new Lexicon("what", "who", "when", "where", "which", "how", "is", "are", "does",
            "do", "can", "did", "was", "were", "name", "define");
    private static final Lexicon CODE_VERBS = new Lexicon("write", "implement", "debug", "refactor", "fix", "optimize",
            "optimise", "review", "port", "convert");
    private static final Lexicon CODE_NOUNS = new Lexicon("code", "function", "method", "class", "script", "program", "query",
            "regex", "unit test", "unit tests", "api", "endpoint", "algorithm", "bug");
    private static final Lexicon CODE_WORDS = new Lexicon("stack trace", "stacktrace", "exception", "compile error", "segfault",
            "null pointer", "nullpointerexception", "traceback", "in python", "in java", "in javascript", "in typescript",
            "in golang", "in rust", "in c", "in sql", "in bash");
    private static final Lexicon MATH_ASK = new Lexicon("solve", "calculate", "compute", "evaluate the expression",
            "evaluate the integral", "find the value", "find the sum", "find the product", "find the area",
            "find the probability", "find the derivative", "find the integral", "find the root", "find the roots", "how many",
            "how much");
    private static final Lexicon GREETING = new Lexicon("hi", "hello", "hey", "thanks", "thank you", "good morning",
            "good evening", "good night", "how are you", "what s up", "ok", "okay", "cool");
    private static final Pattern ARITHMETIC = Pattern.compile("\\d+(?:\\.\\d+)?\\s*[-+*/^×÷]\\s*\\(?\\d");

    public static TaskType taskType(String ask, boolean code, boolean math) {
        return taskType(ask, new Words(ask), code, math);
    }

    /**
     * The task: code asks and code in the prompt first, then translation, summarization, extraction,
     * classification, rewriting, math, generation, reasoning, a question, and chat when nothing fits.
     */
    static TaskType taskType(String ask, Words w, boolean code, boolean math) {
        if (w.size() > 0 && GREETING.matchesAt(w, 0) && ask.length() < 60) return TaskType.CHAT;
        boolean translation = TRANSLATION.any(w) || intoLanguage(w);
        boolean summary = SUMMARIZATION.any(w);
        if ((CODE_VERBS.any(w) && CODE_NOUNS.any(w)) || CODE_WORDS.any(w) || (code && !translation && !summary)) {
            return TaskType.CODE;
        }
        if (translation) return TaskType.TRANSLATION;
        if (summary) return TaskType.SUMMARIZATION;
        if (EXTRACTION.any(w)) return TaskType.EXTRACTION;
        if (CLASSIFICATION.any(w)) return TaskType.CLASSIFICATION;
        if (REWRITING.any(w)) return TaskType.REWRITING;
        if (math && (MATH_ASK.any(w) || arithmetic(ask) || ARITHMETIC.matcher(ask).find())) return TaskType.MATH;
        if (GENERATION_VERBS.any(w) && GENERATION_NOUNS.any(w)) return TaskType.GENERATION;
        if (REASONING.any(w)) return TaskType.REASONING;
        if (ask.stripTrailing().endsWith("?") || (w.size() > 0 && QA_OPENERS.matchesAt(w, 0))) return TaskType.QA;
        if (math) return TaskType.MATH;
        return TaskType.CHAT;
    }

    /** "into French", "to Spanish", "in German": a language named right after into/to/in. */
    private static boolean intoLanguage(Words w) {
        for (int i = 0; i + 1 < w.words.length; i++) {
            String p = w.words[i];
            if ((p.equals("into") || p.equals("to") || (p.equals("in") && i + 2 >= w.words.length))
                    && LANGUAGE_NAMES.matchesAt(w, i + 1)) return true;
        }
        return false;
    }
}
