package dev.gearbox.signals;

import java.util.EnumSet;
import java.util.List;
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
    private static final Pattern CODE_LINE = Pattern.compile(
            "(?m)^\\s*(?:def \\w+\\(|class \\w+[(:{ ]|function\\s*\\w*\\s*\\(|(?:public|private|protected|static)\\s+[\\w<>\\[\\]]+\\s+\\w+\\s*\\("
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
        while (m.find()) if (++lines >= 2) return true;
        return false;
    }

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
    private static final Pattern MATH = Pattern.compile(
            "\\\\(?:frac|sum|int|sqrt|cdot|times|leq|geq|alpha|beta|theta|pi|lim)\\b|\\$[^$\\n]{1,80}\\$"
                    + "|\\d+(?:\\.\\d+)?\\s*[-+*/^×÷]\\s*\\(?\\d+(?:\\.\\d+)?\\)?\\s*(?:=|\\?|$)|\\b[xyzn]\\s*\\^\\s*\\d|\\b\\d*[xy]\\s*[-+]\\s*\\d+\\s*=\\s*\\d"
                    + "|(?i)\\b(?:solve for|equation|integral|derivative|differentiate|probability|arithmetic|algebra|polynomial"
                    + "|how many|how much (?:money|did|does|will|more)|percent(?:age)?|calculate|compute the|theorem|prime number|remainder)\\b");

    public static boolean math(String text) {
        return MATH.matcher(text).find();
    }

    // ---- structured data ----------------------------------------------------------------------
    private static final Pattern JSON_LIKE = Pattern.compile("[\\[{]\\s*\"[^\"\\n]{1,64}\"\\s*:");
    private static final Pattern XML_LIKE = Pattern.compile("<\\?xml|<([A-Za-z][\\w:-]*)(?:\\s[^<>]*)?>[^<]*</\\1>");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}:?\\s*\\|");

    public static Set<StructuredData> structured(String text) {
        EnumSet<StructuredData> out = EnumSet.noneOf(StructuredData.class);
        if (JSON_LIKE.matcher(text).find()) out.add(StructuredData.JSON);
        if (XML_LIKE.matcher(text).find()) out.add(StructuredData.XML);
        if (TABLE_ROW.matcher(text).find()) out.add(StructuredData.TABLE);
        if (csv(text)) out.add(StructuredData.CSV);
        return out;
    }

    /** Three or more consecutive lines with the same number (at least two) of commas or tabs. */
    static boolean csv(String text) {
        int run = 0, prev = -1;
        char sep = 0;
        for (String line : text.split("\n", 2000)) {
            int commas = count(line, ','), tabs = count(line, '\t');
            char s = tabs >= 2 ? '\t' : ',';
            int n = s == '\t' ? tabs : commas;
            if (n >= 2 && n == prev && s == sep) {
                if (++run >= 3) return true;
            } else {
                run = n >= 2 ? 1 : 0;
            }
            prev = n;
            sep = s;
        }
        return false;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    // ---- instructions -------------------------------------------------------------------------
    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*(?:\\d{1,2}[.)]|[-*•]|step \\d+[:.])\\s+\\S");
    private static final Pattern SEQUENCE = Pattern.compile("(?i)\\b(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|after that|afterwards|finally|lastly|also|additionally|and then)\\b[ ,]");

    /** How many instructions or steps the prompt gives: list items, or sequence words plus one. */
    public static int instructions(String text) {
        int items = 0;
        Matcher m = LIST_ITEM.matcher(text);
        while (m.find()) items++;
        int seq = 0;
        Matcher s = SEQUENCE.matcher(text);
        while (s.find()) seq++;
        int sentences = text.isBlank() ? 0 : 1;
        return Math.max(items, Math.max(sentences, seq == 0 ? sentences : seq + 1));
    }

    // ---- complexity markers -------------------------------------------------------------------
    private static final Pattern COMPLEX = Pattern.compile("(?i)\\b(?:step[- ]by[- ]step|in detail|detailed|comprehensive|thorough(?:ly)?|rigorous(?:ly)?"
            + "|prove|proof|analy[sz]e|analysis|in[- ]depth|complex|advanced|edge cases?|optimi[sz]e|trade-?offs?|architecture|multi-step"
            + "|carefully|nuanced|deep dive|critically|justify|derive)\\b");
    private static final Pattern SIMPLE = Pattern.compile("(?i)\\b(?:briefly|brief|one word|one sentence|short|simple|quick(?:ly)?|just|only|yes or no|tl;?dr)\\b");

    public static int complexityMarkers(String text) {
        return count(COMPLEX.matcher(text));
    }

    public static int simplicityMarkers(String text) {
        return count(SIMPLE.matcher(text));
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    // ---- high-stakes domains --------------------------------------------------------------------
    private static final Map<Domain, Pattern> DOMAINS = Map.of(
            Domain.MEDICAL, Pattern.compile("(?i)\\b(?:diagnos[ie]s|symptoms?|dosage|dose|medication|prescri(?:be|ption)|disease|treatment|patients?"
                    + "|surgery|cancer|tumou?r|pregnan(?:t|cy)|side effects?|clinical|doctor|physician|chest pain|blood pressure|insulin|antibiotics?|\\d+\\s?mg)\\b"),
            Domain.LEGAL, Pattern.compile("(?i)\\b(?:lawsuit|sue|contract|liabilit(?:y|ies)|attorney|lawyer|legal(?:ly)?|court|statute|compliance|gdpr|hipaa"
                    + "|copyright|trademark|regulat(?:ion|ory)|indemnif\\w*|custody|divorce|tenant|landlord|visa|immigration|plaintiff|defendant)\\b"),
            Domain.FINANCIAL, Pattern.compile("(?i)\\b(?:invest(?:ing|ment)?s?|portfolio|tax(?:es)?|loan|mortgage|stocks?|securities|retirement|401\\(?k\\)?|ira"
                    + "|bankruptcy|accounting|audit|credit score|financial advice|interest rate|dividends?|crypto(?:currency)?|hedge)\\b"),
            Domain.SAFETY, Pattern.compile("(?i)\\b(?:suicid\\w*|self[- ]harm|kill (?:myself|himself|herself)|overdose|weapons?|explosives?|bomb|emergency"
                    + "|poison(?:ing|ed)?|abuse[ds]?|violence|threat(?:en)?)\\b"));

    public static Set<Domain> domains(String text) {
        EnumSet<Domain> out = EnumSet.noneOf(Domain.class);
        for (var e : DOMAINS.entrySet()) if (e.getValue().matcher(text).find()) out.add(e.getKey());
        return out;
    }

    // ---- requested output size --------------------------------------------------------------------
    private static final Pattern WORDS = Pattern.compile("(?i)\\b(\\d{2,5})[- ](?:words?|tokens?)\\b");
    private static final Pattern SHORT_ASK = Pattern.compile("(?i)\\b(?:one|single|1|a) (?:word|sentence|line)\\b|\\bbriefly\\b|\\bin short\\b|\\byes or no\\b|\\btl;?dr\\b|\\bshort (?:answer|reply|poem|story|summary|note|message|description)\\b");
    private static final Pattern LONG_ASK = Pattern.compile("(?i)\\b(?:essay|article|report|chapter|long|detailed|comprehensive|full|complete (?:guide|implementation)|in[- ]depth|in detail|\\d+ pages?)\\b");
    private static final Pattern MEDIUM_ASK = Pattern.compile("(?i)\\b(?:paragraph|a few sentences|summary|list of|outline)\\b");

    public static OutputSize outputSize(String text) {
        Matcher w = WORDS.matcher(text);
        if (w.find()) {
            int n = Integer.parseInt(w.group(1));
            return n <= 60 ? OutputSize.SHORT : n <= 400 ? OutputSize.MEDIUM : OutputSize.LONG;
        }
        if (SHORT_ASK.matcher(text).find()) return OutputSize.SHORT;
        if (LONG_ASK.matcher(text).find()) return OutputSize.LONG;
        if (MEDIUM_ASK.matcher(text).find()) return OutputSize.MEDIUM;
        return OutputSize.UNSPECIFIED;
    }

    // ---- task type ----------------------------------------------------------------------------------
    private static final List<Map.Entry<TaskType, Pattern>> TASKS = List.of(
            Map.entry(TaskType.TRANSLATION, Pattern.compile("(?i)\\btranslat\\w*\\b|\\b(?:into|to|in) (?:english|french|spanish|german|italian|portuguese|chinese|japanese|korean|russian|arabic|hindi|dutch)\\b(?! (?:history|culture|food|literature))")),
            Map.entry(TaskType.SUMMARIZATION, Pattern.compile("(?i)\\bsummar(?:y|i[sz]e|i[sz]ing)\\b|\\btl;?dr\\b|\\bkey (?:points|takeaways)\\b|\\bcondense\\b|\\bgist\\b")),
            Map.entry(TaskType.EXTRACTION, Pattern.compile("(?i)\\bextract\\w*\\b|\\bpull out\\b|\\b(?:list|find|get) all (?:the )?(?:names|dates|emails|entities|numbers|urls|addresses|phone)|\\bparse\\b.*\\binto\\b|\\bfields?\\b.*\\bfrom\\b")),
            Map.entry(TaskType.CLASSIFICATION, Pattern.compile("(?i)\\bclassif\\w*\\b|\\bcategori[sz]\\w*\\b|\\blabel (?:this|the|each)\\b|\\bsentiment\\b|\\bis (?:this|it)(?: \\w+)? (?:spam|positive|negative|toxic|offensive)\\b|\\bwhich (?:category|class|label)\\b")),
            Map.entry(TaskType.REWRITING, Pattern.compile("(?i)\\b(?:re-?write|rephrase|paraphrase|proofread|reword|polish)\\w*\\b|\\bfix (?:the )?(?:grammar|spelling|typos)\\b|\\bmake (?:it|this) (?:more |less )?(?:formal|concise|shorter|clearer|friendlier|professional)\\b|\\bedit (?:this|the|my)\\b")),
            Map.entry(TaskType.GENERATION, Pattern.compile("(?i)\\b(?:write|compose|draft|create|generate|come up with)\\b (?:me )?(?:a|an|the|some|\\d+)?\\s?(?:[\\w-]+ )?(?:story|poem|haiku|essay|email|e-mail|blog|article|letter|tweet|post|slogan|tagline|names?|ideas?|description|song|lyrics|speech|script|limerick|joke|cover letter|outline|product description|ad)\\b")),
            Map.entry(TaskType.REASONING, Pattern.compile("(?i)\\b(?:why|explain (?:how|why|the difference)|analy[sz]e|compare|contrast|evaluate|pros and cons|step[- ]by[- ]step|prove|reason(?:ing)?|trade-?offs?|what would happen if|plan (?:a|an|the|my)|design (?:a|an|the)|should i|implications?|logic(?:al)? puzzle|infer)\\b")),
            Map.entry(TaskType.QA, Pattern.compile("(?i)\\?\\s*$|^\\s*(?:what|who|when|where|which|how|is|are|does|do|can|did|was|were|name|define)\\b")));
    private static final Pattern CODE_ASK = Pattern.compile("(?i)\\b(?:write|implement|debug|refactor|fix|optimi[sz]e|review|port|convert)\\b.{0,40}\\b(?:code|function|method|class|script|program|query|regex|unit tests?|api|endpoint|algorithm|bug)\\b"
            + "|\\b(?:stack ?trace|exception|compile error|segfault|null ?pointer|traceback)\\b|\\bin (?:python|java|javascript|typescript|golang|rust|c\\+\\+|sql|bash)\\b");
    private static final Pattern MATH_ASK = Pattern.compile("(?i)\\b(?:solve|calculate|compute|evaluate the (?:expression|integral)|find the (?:value|sum|product|area|probability|derivative|integral|roots?)|how many|how much)\\b");
    private static final Pattern ARITHMETIC = Pattern.compile("\\d+(?:\\.\\d+)?\\s*[-+*/^×÷]\\s*\\(?\\d");
    private static final Pattern GREETING = Pattern.compile("(?i)^\\s*(?:hi|hello|hey|thanks|thank you|good (?:morning|evening|night)|how are you|what's up|ok|okay|cool)\\b");

    /**
     * The task: code asks and code in the prompt first, then translation, summarization, extraction,
     * classification, rewriting, math, generation, reasoning, a question, and chat when nothing fits.
     */
    public static TaskType taskType(String ask, boolean code, boolean math) {
        if (GREETING.matcher(ask).find() && ask.length() < 60) return TaskType.CHAT;
        if (CODE_ASK.matcher(ask).find() || (code && !TASKS.get(0).getValue().matcher(ask).find()
                && !TASKS.get(1).getValue().matcher(ask).find())) return TaskType.CODE;
        for (int i = 0; i < 5; i++) if (TASKS.get(i).getValue().matcher(ask).find()) return TASKS.get(i).getKey();
        if (math && (MATH_ASK.matcher(ask).find() || ARITHMETIC.matcher(ask).find())) return TaskType.MATH;
        for (int i = 5; i < TASKS.size(); i++) if (TASKS.get(i).getValue().matcher(ask).find()) return TASKS.get(i).getKey();
        if (math) return TaskType.MATH;
        return TaskType.CHAT;
    }
}
