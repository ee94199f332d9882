using Vigil.Api.Alertmanager;

namespace Vigil.Api.Tests.Alertmanager;

public sealed class ConfigMaskingTests
{
    [Theory]
    [InlineData("global:\n  slack_api_url: https://hooks.slack.com/services/T/B/x\n", "global:\n  slack_api_url: <secret>\n")]
    [InlineData("receivers:\n- name: s\n  slack_configs:\n  - api_url: 'https://hooks.slack.com/T/B/y'  # team\n    channel: '#ops'\n",
        "receivers:\n- name: s\n  slack_configs:\n  - api_url: <secret>  # team\n    channel: '#ops'\n")]
    [InlineData("receivers:\n- name: w\n  webhook_configs:\n  - url: http://u:p@hook/x\n    http_config:\n      basic_auth: {username: u, password: p}\n",
        "receivers:\n- name: w\n  webhook_configs:\n  - url: <secret>\n    http_config:\n      basic_auth: {username: u, password: <secret>}\n")]
    [InlineData("route:\n  receiver: x\n", "route:\n  receiver: x\n")]
    [InlineData("global:\n  slack_api_url: <secret>\n", "global:\n  slack_api_url: <secret>\n")]
    [InlineData("http_config:\n  bearer_token_file: /etc/token\n", "http_config:\n  bearer_token_file: /etc/token\n")]
    public void Apply_MasksSecretsInPlace(string yaml, string expected) => Assert.Equal(expected, ConfigMasking.Apply(yaml));

    [Fact]
    public void Apply_NotYaml_WithheldEntirely() => Assert.Equal("<secret>", ConfigMasking.Apply("key: [unclosed"));
}
