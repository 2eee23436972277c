using Bot.Search.Analysis;

namespace Bot.Search.Tests;

/// <summary>Which script a question is written in, so that the bot can answer in the asker's.</summary>
public class ChineseScriptTests
{
    [Theory]
    [InlineData("為什麼 Schulman 離開 OpenAI？", true)]
    [InlineData("預訓練到底在學什麼", true)]
    [InlineData("強化學習", true)]
    [InlineData("为什么 Schulman 离开 OpenAI？", false)]
    [InlineData("预训练到底在学什么", false)]
    [InlineData("乾隆是谁", false)] // 乾 is traditional for 干, but simplified text keeps it in names: one simplified 谁 against it
    [InlineData("他著有一本书", false)] // 著 in both scripts
    [InlineData("什么是 RLHF", false)]
    [InlineData("What is RLHF?", false)] // no Chinese at all: the default, simplified
    [InlineData("中文问答", false)] // 中, 文 and 答 are shared by both scripts, 问 is simplified
    [InlineData("", false)]
    public void A_text_is_traditional_when_it_has_more_traditional_forms_than_simplified_ones(string text, bool traditional)
    {
        Assert.Equal(traditional, ChineseScript.IsTraditional(text));
    }
}
