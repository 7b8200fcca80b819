namespace KamHub.Web.Pages;

/// <summary>A titled bar chart for _Bars: <see cref="Bar.Value"/> sizes the bar, <see cref="Bar.Text"/> is what is printed beside it.</summary>
internal sealed record Bars(string Title, IReadOnlyList<Bar> Items);

internal sealed record Bar(string Label, double Value, string Text);
