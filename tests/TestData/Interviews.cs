namespace Bot.TestData;

/// <summary>Made-up transcripts for the quoting, title, speaker and time-link tests (linked into both test projects).</summary>
internal static class Interviews
{
    public const string YouTube = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

    public const string Bilibili = "https://www.bilibili.com/video/BV1GJ411x7h7";

    /// <summary>A WebVTT interview with voice tags, its source in a NOTE, and a greeting for its first cue.</summary>
    public const string DeepSeaVtt = $"""
        WEBVTT

        NOTE 来源：{YouTube}

        00:00:01.000 --> 00:00:06.000
        <v 主持人>欢迎收看本期节目，今天我们请到了一位深海探测工程师

        00:00:06.000 --> 00:00:09.000
        <v 王工>谢谢主持人，很高兴来到这里。

        00:00:09.000 --> 00:00:14.000
        <v 主持人>您参与设计的深海潜水器，最近一次下潜到了多深？

        00:00:14.000 --> 00:00:20.000
        <v 王工>最近一次深海潜水器下到了马里亚纳海沟一万零九百米的深度。

        00:00:20.000 --> 00:00:26.000
        <v 王工>那次下潜一共用了大约四个小时才到底。

        00:00:26.000 --> 00:00:31.000
        <v 主持人>潜水器下到万米海沟最难的是什么？

        00:00:31.000 --> 00:00:38.000
        <v 王工>最难的是承受海水的巨大压力，每下沉十米就增加一个大气压。

        00:00:38.000 --> 00:00:45.000
        <v 王工>到了一万米，舱体每平方厘米要承受一吨多的力，所以我们用钛合金做载人球舱。

        00:00:45.000 --> 00:00:50.000
        <v 主持人>那深海潜水器在海底怎么和水面的母船通信？

        00:00:50.000 --> 00:00:58.000
        <v 王工>无线电在水里传不远，我们靠水声通信机，用声波把文字和图像一点点传上去。
        """;

    /// <summary>The same kind of interview as SRT: "Name：" prefixes on the cues that open turns, the source in the first cue.</summary>
    public const string GlacierSrt = """
        1
        00:00:00,000 --> 00:00:03,000
        来源：https://youtu.be/abcdefghijk

        2
        00:00:03,000 --> 00:00:08,000
        记者：冰川学家每年夏天都去格陵兰测量冰盖吗？

        3
        00:00:08,000 --> 00:00:15,000
        赵博士：对，我们每年七月在冰盖上打钻，取出一百米长的冰芯。

        4
        00:00:15,000 --> 00:00:20,000
        记者：冰芯里的气泡能告诉我们什么？

        5
        00:00:20,000 --> 00:00:27,000
        赵博士：气泡是几万年前封进去的空气，能直接量出当时大气里的二氧化碳浓度。

        6
        00:00:27,000 --> 00:00:33,000
        它们就像一本按年份装订的气候日记。

        7
        00:00:33,000 --> 00:00:38,000
        记者：冰盖融化的速度现在有多快？

        8
        00:00:38,000 --> 00:00:46,000
        赵博士：过去二十年，格陵兰冰盖每年平均失去两千多亿吨冰。
        """;

    /// <summary>A text transcript with time marks and speakers, from a Bilibili video.</summary>
    public const string MarsRoverText = $"""
        火星车的一天

        来源：{Bilibili}

        [00:12:34] 主持人：火星车为什么要在夜里关掉大部分仪器？
        [00:12:41] 李博士：因为火星夜里气温会降到零下八十度，电池要把电留给保温加热器，不然电子元件会冻坏。
        [00:13:20] 主持人：火星车白天一天能开多远？
        [00:13:26] 李博士：通常只有一百米左右，每走一段都要停下来拍照，等地面团队确认路线安全。
        [00:14:02] 主持人：火星车的轮子会不会被石头扎破？
        [00:14:08] 李博士：会磨损，铝制车轮上已经有不少裂口，所以规划路线时要避开尖锐的岩石。
        """;
}
