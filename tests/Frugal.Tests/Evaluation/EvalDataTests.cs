using Frugal.Evaluation;
using Frugal.Tests.Text;
using Frugal.Text;

namespace Frugal.Tests.Evaluation;

public class EvalDataTests
{
    private static void Fails(string path, int line, Action read, string fragment)
    {
        var e = Assert.Throws<BadInputException>(read);
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Prompt_completion_records_keep_their_line_reference_and_other_fields()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("eval.jsonl", """{"prompt":"2+2=","completion":"#### 4","id":7}""", "", """{"prompt":"3+3=","completion":"#### 6"}""");
        var records = EvalData.Read(path);
        Assert.Equal([1, 3], records.Select(r => r.Line));
        Assert.Equal(new Passage.Plain("2+2="), records[0].Prompt);
        Assert.Equal("#### 4", records[0].Reference);
        Assert.Equal(7, records[0].Fields.GetProperty("id").GetInt32());  // readable after the file is closed
        Assert.Equal($"{path}:3", records[1].Where);
    }

    [Fact]
    public void Messages_records_split_off_the_last_assistant_message_as_the_reference()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("chat.jsonl",
            """{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"2+2?"},{"role":"assistant","content":"4"}]}""");
        var record = Assert.Single(EvalData.Read(path));
        Assert.Equal(new Passage.Chat([new(ChatRole.System, "Be brief."), new(ChatRole.User, "2+2?")]), record.Prompt);
        Assert.Equal("4", record.Reference);
    }

    [Fact]
    public void Conversational_prompt_completion_takes_the_assistant_message_as_reference()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("chat.jsonl", """{"prompt":[{"role":"user","content":"hi"}],"completion":[{"role":"assistant","content":"hello"}]}""");
        Assert.Equal("hello", Assert.Single(EvalData.Read(path)).Reference);
    }

    [Fact]
    public void Limit_stops_reading_so_a_bad_line_after_it_is_not_reached()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("eval.jsonl", """{"prompt":"a","completion":"b"}""", """{"prompt":"c","completion":"d"}""", "{broken");
        Assert.Equal(2, EvalData.Read(path, limit: 2).Count);
        Fails(path, 3, () => EvalData.Read(path), "malformed JSON");
    }

    [Fact]
    public void A_missing_reference_names_the_line_and_field()
    {
        using var files = new TextFiles();
        var path = files.Jsonl("eval.jsonl", """{"prompt":"a","completion":"b"}""", """{"prompt":"c"}""");
        Fails(path, 2, () => EvalData.Read(path), "field 'completion' is missing: it holds the reference answer");
        var first = files.Jsonl("first.jsonl", """{"prompt":"c","answer":"d"}""");
        Fails(first, 1, () => EvalData.Read(first), "field 'completion' is missing");
        var empty = files.Jsonl("empty.jsonl", """{"prompt":"c","completion":""}""");
        Fails(empty, 1, () => EvalData.Read(empty), "field 'completion' is empty");
    }

    [Fact]
    public void Other_data_set_types_and_bad_messages_are_refused()
    {
        using var files = new TextFiles();
        var pref = files.Jsonl("pref.jsonl", """{"prompt":"a","chosen":"b","rejected":"c"}""");
        Fails(pref, 1, () => EvalData.Read(pref), "is not evaluation data, expected prompt-completion data");
        var text = files.Jsonl("text.jsonl", """{"text":"a"}""");
        Fails(text, 1, () => EvalData.Read(text), "is not evaluation data");
        var user = files.Jsonl("user.jsonl", """{"messages":[{"role":"user","content":"hi"}]}""");
        Fails(user, 1, () => EvalData.Read(user), "the last message has role 'user', expected 'assistant'");
        var alone = files.Jsonl("alone.jsonl", """{"messages":[{"role":"assistant","content":"hi"}]}""");
        Fails(alone, 1, () => EvalData.Read(alone), "holds only the reference answer");
        var mixed = files.Jsonl("mixed.jsonl", """{"prompt":"hi","completion":[{"role":"assistant","content":"x"}]}""");
        Fails(mixed, 1, () => EvalData.Read(mixed), "both be strings or both lists of messages");
    }

    [Fact]
    public void An_empty_or_missing_file_is_bad_input()
    {
        using var files = new TextFiles();
        var blank = files.Jsonl("blank.jsonl", "", " ");
        Assert.Contains("holds no records", Assert.Throws<BadInputException>(() => EvalData.Read(blank)).Message);
        Assert.EndsWith("nope.jsonl: not found", Assert.Throws<BadInputException>(() => EvalData.Read(Path.Combine(files.Root, "nope.jsonl"))).Message);
    }
}
