namespace Monitor.Webhooks;

/// <summary>The Slack-format body: a Slack incoming webhook (or a compatible chat tool) shows <see cref="Text"/> as the message.</summary>
public sealed record SlackMessage(string Text);
