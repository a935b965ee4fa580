using Frugal.Text;

namespace Frugal.Tests.Text;

public class JsonlReaderTests
{
    private static ChatMessage U(string c) => new(ChatRole.User, c);
    private static ChatMessage A(string c) => new(ChatRole.Assistant, c);
    private static ChatMessage S(string c) => new(ChatRole.System, c);
    private static Passage.Plain P(string t) => new(t);
    private static Passage.Chat C(params ChatMessage[] m) => new(m);

    /// <summary>The error starts "PATH:LINE: " and holds every fragment, on one line.</summary>
    private static void Fails(string path, int line, Action read, params string[] fragments)
    {
        var e = Assert.Throws<BadInputException>(read);
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        foreach (var fragment in fragments) Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Reads_language_modelling_text_skipping_blank_lines()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("lm.jsonl", """{"text":"one"}""", "", "   ", """{"text":"two \u00e9","id":7}""");
        Assert.Equal([new TextExample("one"), new TextExample("two é")], JsonlReader.ReadText(path));
    }

    [Fact]
    public void Reads_prompt_completion_strings()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("pc.jsonl", """{"prompt":"2+2=","completion":"4"}""");
        Assert.Equal([new SftExample(P("2+2="), P("4"))], JsonlReader.ReadSft(path));
    }

    [Fact]
    public void Reads_conversational_prompt_completion()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("pc.jsonl",
            """{"prompt":[{"role":"system","content":"Be brief."},{"role":"user","content":"2+2?"}],"completion":[{"role":"assistant","content":"4"}]}""");
        Assert.Equal([new SftExample(C(S("Be brief."), U("2+2?")), C(A("4")))], JsonlReader.ReadSft(path));
    }

    [Fact]
    public void Reads_messages_as_prompt_and_last_assistant_message()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("chat.jsonl",
            """{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"},{"role":"user","content":"2+2?"},{"role":"assistant","content":"4"}]}""",
            """{"messages":[{"role":"assistant","content":""}]}""");
        Assert.Equal(
            [new SftExample(C(U("hi"), A("hello"), U("2+2?")), C(A("4"))), new SftExample(C(), C(A("")))],
            JsonlReader.ReadSft(path));
    }

    [Fact]
    public void Reads_preference_strings_with_reference_log_probabilities()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("pref.jsonl",
            """{"prompt":"Q","chosen":"good","rejected":"bad","ref_chosen_logps":-1.5,"ref_rejected_logps":-2}""",
            """{"prompt":"Q2","chosen":"yes","rejected":"no"}""");
        Assert.Equal(
            [new PreferenceExample(P("Q"), P("good"), P("bad"), -1.5, -2.0), new PreferenceExample(P("Q2"), P("yes"), P("no"))],
            JsonlReader.ReadPreference(path));
    }

    [Fact]
    public void Reads_conversational_preference()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("pref.jsonl",
            """{"prompt":[{"role":"user","content":"Q"}],"chosen":[{"role":"assistant","content":"good"}],"rejected":[{"role":"assistant","content":"bad"}]}""");
        Assert.Equal([new PreferenceExample(C(U("Q")), C(A("good")), C(A("bad")))], JsonlReader.ReadPreference(path));
    }

    [Fact]
    public void Malformed_json_names_file_and_line()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("bad.jsonl", """{"text":"a"}""", """{"text":"b"}""", """{"text": "c" """);
        Fails(path, 3, () => JsonlReader.ReadText(path).ToList(), "malformed JSON");
    }

    [Fact]
    public void A_line_that_is_not_an_object_is_rejected()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("bad.jsonl", """["text"]""");
        Fails(path, 1, () => JsonlReader.ReadText(path).ToList(), "expected a JSON object, found array");
    }

    [Fact]
    public void Missing_field_names_file_line_and_field()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("pc.jsonl", """{"prompt":"a","completion":"b"}""", "", """{"prompt":"c"}""");
        Fails(path, 3, () => JsonlReader.ReadSft(path).ToList(), "field 'completion' is missing");
    }

    [Fact]
    public void Empty_field_is_rejected()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("pc.jsonl", """{"prompt":"a","completion":""}""");
        Fails(path, 1, () => JsonlReader.ReadSft(path).ToList(), "field 'completion' is empty");
        var chat = files.Jsonl("chat.jsonl", """{"messages":[]}""");
        Fails(chat, 1, () => JsonlReader.ReadSft(chat).ToList(), "field 'messages' is empty");
    }

    [Theory]
    [InlineData("""{"prompt":"a","completion":3}""", "field 'completion' is a number, expected a string or a list of messages")]
    [InlineData("""{"prompt":"a","completion":[{"role":"assistant","content":"b"}]}""", "field 'completion' is a list of messages but 'prompt' is a string")]
    [InlineData("""{"prompt":[{"role":"user","content":"a"}],"completion":[{"role":"user","content":"b"}]}""", "field 'completion[0].role' is 'user', expected 'assistant'")]
    [InlineData("""{"messages":[{"role":"user","content":5}]}""", "field 'messages[0].content' is a number, expected a string")]
    [InlineData("""{"messages":[{"role":"user"}]}""", "field 'messages[0].content' is missing")]
    [InlineData("""{"messages":["hi"]}""", "field 'messages[0]' is a string, expected a message")]
    [InlineData("""{"messages":{"role":"user"}}""", "field 'messages' is an object, expected a list of messages")]
    [InlineData("""{"messages":[{"role":"user","content":"a"}]}""", "field 'messages': the last message has role 'user', expected 'assistant'")]
    public void Wrong_types_name_the_field(string line, string message)
    {
        using var files = new TextFiles();
        var path = files.Jsonl("sft.jsonl", line);
        Fails(path, 1, () => JsonlReader.ReadSft(path).ToList(), message);
    }

    [Fact]
    public void Unknown_role_names_file_line_field_and_the_roles_known()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("chat.jsonl",
            """{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}""",
            """{"messages":[{"role":"user","content":"a"},{"role":"tool","content":"b"}]}""");
        Fails(path, 2, () => JsonlReader.ReadSft(path).ToList(), "field 'messages[1].role'", "'tool'", "system, user, assistant");
    }

    [Fact]
    public void Preference_errors_name_the_field()
    {
        using var files = new TextFiles();
        var wrong = files.Jsonl("a.jsonl", """{"prompt":"Q","chosen":"a","rejected":"b","ref_chosen_logps":"x","ref_rejected_logps":1}""");
        Fails(wrong, 1, () => JsonlReader.ReadPreference(wrong).ToList(), "field 'ref_chosen_logps' is a string, expected a number");
        var half = files.Jsonl("b.jsonl", """{"prompt":"Q","chosen":"a","rejected":"b","ref_chosen_logps":-1}""");
        Fails(half, 1, () => JsonlReader.ReadPreference(half).ToList(), "field 'ref_rejected_logps' is missing");
        var implicitPrompt = files.Jsonl("c.jsonl",
            """{"chosen":[{"role":"user","content":"Q"},{"role":"assistant","content":"a"}],"rejected":[{"role":"user","content":"Q"},{"role":"assistant","content":"b"}]}""");
        Fails(implicitPrompt, 1, () => JsonlReader.ReadPreference(implicitPrompt).ToList(), "field 'prompt' is missing", "implicit-prompt");
        var noRejected = files.Jsonl("d.jsonl", """{"prompt":"Q","chosen":"a"}""");
        Fails(noRejected, 1, () => JsonlReader.ReadPreference(noRejected).ToList(), "field 'rejected' is missing");
    }

    [Theory]
    [InlineData("""{"text":"a"}""", JsonlKind.LanguageModelling)]
    [InlineData("""{"prompt":"a","completion":"b"}""", JsonlKind.PromptCompletion)]
    [InlineData("""{"messages":[{"role":"user","content":"a"}]}""", JsonlKind.Messages)]
    [InlineData("""{"prompt":"a","chosen":"b","rejected":"c"}""", JsonlKind.Preference)]
    [InlineData("""{"prompt":[{"role":"user","content":"a"}],"chosen":[],"rejected":[]}""", JsonlKind.Preference)]
    public void Detects_the_format_from_the_first_record(string line, JsonlKind kind)
    {
        using var files = new TextFiles();
        Assert.Equal(kind, JsonlFormat.Detect(files.Jsonl("f.jsonl", "", line, "not even JSON")));
    }

    [Fact]
    public void Detection_rejects_empty_files_and_unknown_records()
    {
        using var files = new TextFiles();
        var empty = files.Jsonl("empty.jsonl", "", " ");
        var e = Assert.Throws<BadInputException>(() => JsonlFormat.Detect(empty));
        Assert.Equal($"{empty}: holds no records, expected one JSON object a line", e.Message);
        var promptOnly = files.Jsonl("p.jsonl", """{"prompt":"a"}""");
        Fails(promptOnly, 1, () => JsonlFormat.Detect(promptOnly), "keys {\"prompt\"}", """{"prompt","completion"}""");
        var missing = Path.Combine(files.Root, "nope.jsonl");
        Assert.Equal($"{missing}: not found", Assert.Throws<BadInputException>(() => JsonlFormat.Detect(missing)).Message);
    }

    [Fact]
    public void Reading_the_wrong_format_says_what_was_expected_and_found()
    {
        using var files = new TextFiles();
        var preference = files.Jsonl("pref.jsonl", """{"prompt":"a","chosen":"b","rejected":"c"}""");
        Fails(preference, 1, () => JsonlReader.ReadSft(preference).ToList(),
            """expected prompt-completion data {"prompt","completion"} or conversational data {"messages"}, found preference data {"prompt","chosen","rejected"}""");
        var sft = files.Jsonl("sft.jsonl", "", """{"prompt":"a","completion":"b"}""");
        Fails(sft, 2, () => JsonlReader.ReadPreference(sft).ToList(),
            """expected preference data {"prompt","chosen","rejected"}, found prompt-completion data {"prompt","completion"}""");
        Fails(sft, 2, () => JsonlReader.ReadText(sft).ToList(), "expected language-modelling data {\"text\"}, found prompt-completion");
    }
}
