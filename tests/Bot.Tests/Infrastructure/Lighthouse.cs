using System.Text;

namespace Bot.Tests.Infrastructure;

/// <summary>A made-up transcript no seed resembles, for a file dropped into the corpus folder while the bot runs.</summary>
internal static class Lighthouse
{
    public const string Question = "青苔灯塔的守望者给透镜涂什么";

    /// <summary>Writes the transcript, long enough to take a few segment files, in which the keeper uses <paramref name="word"/>.</summary>
    public static Task WriteAsync(string corpusPath, string fileName, string word) =>
        File.WriteAllTextAsync(Path.Combine(corpusPath, fileName), Text(word), new UTF8Encoding(false));

    private static string Text(string word) => "青苔灯塔守望者访谈\n\n" + string.Join("\n\n", Enumerable.Range(1, 60).Select(i =>
        $"主持人：第{i}个晚上，守望者做了什么？\n守望者：第{i}个晚上，我给青苔灯塔的琥珀色透镜涂了一层{word}，防止海雾里的盐晶在透镜上结块。"));
}
