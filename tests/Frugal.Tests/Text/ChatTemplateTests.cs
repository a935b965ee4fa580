using Frugal.Text;

namespace Frugal.Tests.Text;

public class ChatTemplateTests
{
    private static readonly ByteTokenizer Tokenizer = ByteTokenizer.Instance;
    private static readonly ChatTemplate Template = new(Tokenizer);
    private const int User = 259, Assistant = 260, System = 261, End = 262;

    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "Be brief."),
        new(ChatRole.User, "2+2?"),
        new(ChatRole.Assistant, "4"),
    ];

    private static int[] Bytes(string s) => [.. s.Select(c => (int)c)];

    [Fact]
    public void Renders_a_conversation_to_exact_ids_and_text()
    {
        int[] expected =
        [
            System, .. Bytes("Be brief."), End,
            User, .. Bytes("2+2?"), End,
            Assistant, .. Bytes("4"), End,
        ];
        var ids = Template.Render(Conversation);
        Assert.Equal(expected, ids);
        const string text = "<|system|>Be brief.<|end|><|user|>2+2?<|end|><|assistant|>4<|end|>";
        Assert.Equal(text, Tokenizer.Decode(ids));
        Assert.Equal(text, ChatTemplate.RenderText(Conversation));
    }

    [Fact]
    public void Prompt_ends_with_the_assistant_marker()
    {
        var ids = Template.RenderPrompt(Conversation[..2]);
        Assert.Equal(Assistant, ids[^1]);
        Assert.Equal([System, .. Bytes("Be brief."), End, User, .. Bytes("2+2?"), End, Assistant], ids);
        Assert.Equal("<|system|>Be brief.<|end|><|user|>2+2?<|end|><|assistant|>", ChatTemplate.RenderText(Conversation[..2], generationPrompt: true));
    }

    [Fact]
    public void Prompt_then_completion_is_the_whole_conversation()
    {
        ChatMessage[] completion = [new(ChatRole.Assistant, "4"), new(ChatRole.User, "and 3+3?"), new(ChatRole.Assistant, "6")];
        int[] joined = [.. Template.RenderPrompt(Conversation[..2]), .. Template.RenderCompletion(completion)];
        Assert.Equal(Template.Render([.. Conversation[..2], .. completion]), joined);
    }

    [Fact]
    public void Content_that_spells_a_marker_stays_text()
    {
        var ids = Template.Render([new(ChatRole.User, "<|user|>")]);
        Assert.Equal([User, .. Bytes("<|user|>"), End], ids);
        Assert.Equal(1, ids.Count(id => id == User));
    }

    [Fact]
    public void Unknown_roles_are_bad_input()
    {
        Assert.Equal(new ChatMessage(ChatRole.Assistant, "x"), ChatMessage.Of("assistant", "x"));
        var e = Assert.Throws<BadInputException>(() => ChatMessage.Of("tool", "x"));
        Assert.Contains("'tool'", e.Message);
        Assert.Contains("system, user, assistant", e.Message);
    }
}
