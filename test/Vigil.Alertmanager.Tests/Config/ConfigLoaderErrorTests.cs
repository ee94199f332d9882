namespace Vigil.Alertmanager.Tests.Config;

public sealed class ConfigLoaderErrorTests
{
    private const string Base = "route:\n  receiver: r\nreceivers:\n  - name: r\n";

    /// <summary>Each row: YAML, then the expected line, field path and a message-or-hint fragment of one error.</summary>
    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        // Keys that belong in prometheus.yml, a rule file, or elsewhere in alertmanager.yml.
        { "rule_files at top", Base + "rule_files:\n  - rules.yml\n", 5, "rule_files", "it belongs in prometheus.yml (rules are evaluated by the Prometheus server" },
        { "scrape_configs at top", Base + "scrape_configs: []\n", 5, "scrape_configs", "belongs in prometheus.yml" },
        { "alerting at top", Base + "alerting: {}\n", 5, "alerting", "which Alertmanagers to send alerts to" },
        { "groups at top", Base + "groups:\n  - name: x\n", 5, "groups", "rule file" },
        { "scrape_interval in global", "global:\n  scrape_interval: 15s\n" + Base, 2, "global.scrape_interval", "global: section of prometheus.yml" },
        { "external_labels in global", "global:\n  external_labels: {a: b}\n" + Base, 2, "global.external_labels", "prometheus.yml" },
        { "group_wait at top", Base + "group_wait: 10s\n", 5, "group_wait", "belongs under route:" },
        { "slack_api_url at top", "slack_api_url: https://hooks.slack.com/x\n" + Base, 1, "slack_api_url", "under global:" },
        { "channel under receiver", Base + "    channel: '#x'\n", 5, "receivers[0].channel", "inside slack_configs:" },
        { "slack_api_url in slack config", Base + "    slack_configs:\n      - slack_api_url: https://hooks.slack.com/x\n", 6, "receivers[0].slack_configs[0].slack_api_url", "here write api_url, or move slack_api_url under global:" },
        { "bearer_token in webhook config", Base + "    webhook_configs:\n      - url: http://x\n        bearer_token: t\n", 7, "receivers[0].webhook_configs[0].bearer_token", "belongs under http_config:" },
        { "typo in route key", "route:\n  receiver: r\n  grop_by: [a]\nreceivers:\n  - name: r\n", 3, "route.grop_by", "did you mean group_by?" },
        { "wrong case in route key", "route:\n  receiver: r\n  Group_Wait: 1m\nreceivers:\n  - name: r\n", 3, "route.Group_Wait", "case-sensitive: did you mean group_wait?" },
        { "singular integration list", Base + "    slack_config:\n      - channel: '#a'\n", 5, "receivers[0].slack_config", "did you mean slack_configs?" },
        { "webhook_url in slack config", Base + "    slack_configs:\n      - webhook_url: https://hooks.slack.com/x\n", 6, "receivers[0].slack_configs[0].webhook_url", "is api_url here" },
        { "receiver key in receiver", Base + "  - receiver: q\n", 5, "receivers[1].receiver", "a receiver is named with name:" },
        { "receivers under route", "route:\n  receiver: r\n  receivers:\n    - name: r\nreceivers:\n  - name: r\n", 3, "route.receivers", "at the top level of alertmanager.yml" },
        { "routes at top", Base + "routes:\n  - receiver: r\n", 5, "routes", "belongs under route:" },
        { "slack_configs at top", Base + "slack_configs:\n  - channel: '#a'\n", 5, "slack_configs", "in a receivers entry" },
        { "bad merge key", "defaults: &d 5\nroute:\n  <<: *d\n  receiver: r\nreceivers:\n  - name: r\n", 1, "defaults", "field not allowed" },
        { "unknown key far from any", Base + "frobnicate: 1\n", 5, "frobnicate", "field not allowed in alertmanager.yml" },

        // Wrong types and values.
        { "duration without unit", "route:\n  receiver: r\n  group_wait: 10\nreceivers:\n  - name: r\n", 3, "route.group_wait", "add a unit: 10s" },
        { "duration garbage", "route:\n  receiver: r\n  group_wait: soon\nreceivers:\n  - name: r\n", 3, "route.group_wait", "not a valid duration" },
        { "group_interval zero", "route:\n  receiver: r\n  group_interval: 0s\nreceivers:\n  - name: r\n", 3, "route.group_interval", "group_interval cannot be zero" },
        { "repeat_interval zero", "route:\n  receiver: r\n  repeat_interval: 0\nreceivers:\n  - name: r\n", 3, "route.repeat_interval", "repeat_interval cannot be zero" },
        { "resolve_timeout bad", "global:\n  resolve_timeout: 5 minutes\n" + Base, 2, "global.resolve_timeout", "not a valid duration" },
        { "boolean garbage", Base + "    slack_configs:\n      - api_url: https://x.example\n        send_resolved: maybe\n", 7, "receivers[0].slack_configs[0].send_resolved", "expected true or false, got \"maybe\"" },
        { "boolean quoted", Base + "    slack_configs:\n      - api_url: https://x.example\n        send_resolved: 'true'\n", 7, "receivers[0].slack_configs[0].send_resolved", "remove the quotes" },
        { "relative url", "global:\n  pagerduty_url: events.pagerduty.com\n" + Base, 2, "global.pagerduty_url", "expected an absolute http:// or https:// URL, got \"events.pagerduty.com\"" },
        { "ftp url", "global:\n  pagerduty_url: ftp://x.example\n" + Base, 2, "global.pagerduty_url", "absolute http:// or https:// URL" },
        { "bad matcher", "route:\n  receiver: r\n  routes:\n    - matchers: ['severity=~\"(\"']\nreceivers:\n  - name: r\n", 4, "route.routes[0].matchers[0]", "invalid matcher" },
        { "matcher without operator", "route:\n  receiver: r\n  routes:\n    - matchers: [severity]\nreceivers:\n  - name: r\n", 4, "route.routes[0].matchers[0]", "expected one of '=', '!=', '=~', '!~'" },
        { "bad match_re regex", "route:\n  receiver: r\n  routes:\n    - match_re:\n        service: '(foo'\nreceivers:\n  - name: r\n", 5, "route.routes[0].match_re.service", "invalid regular expression" },
        { "match with bad label name", "route:\n  receiver: r\n  routes:\n    - match:\n        a-b: c\nreceivers:\n  - name: r\n", 5, "route.routes[0].match.a-b", "invalid label name \"a-b\"" },
        { "mapping where list expected", "route:\n  receiver: r\n  group_by: alertname\nreceivers:\n  - name: r\n", 3, "route.group_by", "expected a list" },
        { "list where mapping expected", "route: [r]\nreceivers:\n  - name: r\n", 1, "route", "expected a mapping" },
        { "mapping where text expected", "route:\n  receiver:\n    name: r\nreceivers:\n  - name: r\n", 3, "route.receiver", "expected a single value (text), got a mapping" },

        // Semantic rules, as upstream.
        { "no route", "receivers:\n  - name: r\n", 1, "route", "no route provided" },
        { "empty route", "route:\nreceivers:\n  - name: r\n", 1, "route", "route: is empty" },
        { "root route without receiver", "route:\n  group_wait: 1m\nreceivers:\n  - name: r\n", 2, "route.receiver", "the root route must name a receiver" },
        { "root route with matchers", "route:\n  receiver: r\n  matchers: [a=b]\nreceivers:\n  - name: r\n", 3, "route.matchers", "root route must not have matchers" },
        { "root route with match", "route:\n  receiver: r\n  match:\n    a: b\nreceivers:\n  - name: r\n", 3, "route.match", "root route must not have matchers" },
        { "root route with mute intervals", "route:\n  receiver: r\n  mute_time_intervals: [x]\nreceivers:\n  - name: r\ntime_intervals:\n  - name: x\n", 3, "route.mute_time_intervals", "root route cannot have mute_time_intervals" },
        { "root route continue", "route:\n  receiver: r\n  continue: true\nreceivers:\n  - name: r\n", 3, "route.continue", "root route cannot have continue" },
        { "undefined receiver", "route:\n  receiver: r\n  routes:\n    - receiver: slack-notifer\nreceivers:\n  - name: r\n  - name: slack-notifier\n", 4, "route.routes[0].receiver", "did you mean \"slack-notifier\"?" },
        { "undefined root receiver", "route:\n  receiver: nobody\nreceivers:\n  - name: r\n", 2, "route.receiver", "undefined receiver \"nobody\"" },
        { "duplicate receiver", Base + "  - name: r\n", 5, "receivers[1].name", "receiver name \"r\" is not unique" },
        { "receiver without name", Base + "  - slack_configs: []\n", 5, "receivers[1].name", "missing name in receiver" },
        { "group_by all with others", "route:\n  receiver: r\n  group_by: ['...', alertname]\nreceivers:\n  - name: r\n", 3, "route.group_by", "cannot be combined with other labels" },
        { "group_by duplicate", "route:\n  receiver: r\n  group_by: [a, a]\nreceivers:\n  - name: r\n", 3, "route.group_by[1]", "duplicated label \"a\"" },
        { "undefined time interval", "route:\n  receiver: r\n  routes:\n    - mute_time_intervals: [weekend]\nreceivers:\n  - name: r\n", 4, "route.routes[0].mute_time_intervals[0]", "undefined time interval \"weekend\"" },
        { "duplicate time interval", "route:\n  receiver: r\nreceivers:\n  - name: r\ntime_intervals:\n  - name: x\nmute_time_intervals:\n  - name: x\n", 6, "time_intervals[0].name", "time interval \"x\" is not unique" },

        // Receivers.
        { "slack without url", Base + "    slack_configs:\n      - channel: '#a'\n", 6, "receivers[0].slack_configs[0]", "set api_url (the incoming webhook URL) here, or slack_api_url under global:" },
        { "slack url and file", Base + "    slack_configs:\n      - api_url: https://x.example\n        api_url_file: /f\n", 7, "receivers[0].slack_configs[0].api_url_file", "at most one of api_url & api_url_file" },
        { "slack url and token", Base + "    slack_configs:\n      - api_url: https://x.example\n        app_token: t\n", 7, "receivers[0].slack_configs[0]", "at most one of api_url/api_url_file & app_token/app_token_file" },
        { "global slack url and file", "global:\n  slack_api_url: https://x.example\n  slack_api_url_file: /f\n" + Base, 3, "global.slack_api_url_file", "at most one of slack_api_url & slack_api_url_file" },
        { "slack field without value", Base + "    slack_configs:\n      - api_url: https://x.example\n        fields:\n          - title: t\n", 8, "receivers[0].slack_configs[0].fields[0].value", "missing value in Slack field" },
        { "slack action without url or name", Base + "    slack_configs:\n      - api_url: https://x.example\n        actions:\n          - type: button\n            text: t\n", 8, "receivers[0].slack_configs[0].actions[0]", "needs url" },
        { "webhook without url", Base + "    webhook_configs:\n      - send_resolved: false\n", 6, "receivers[0].webhook_configs[0].url", "one of url or url_file must be set" },
        { "webhook url and file", Base + "    webhook_configs:\n      - url: http://x.example\n        url_file: /f\n", 7, "receivers[0].webhook_configs[0].url_file", "at most one of url & url_file" },
        { "email without to", "global:\n  smtp_smarthost: a:25\n  smtp_from: a@b\n" + Base + "    email_configs:\n      - from: x@y\n", 9, "receivers[0].email_configs[0].to", "missing to" },
        { "email without smarthost", Base + "    email_configs:\n      - to: a@b\n        from: x@y\n", 6, "receivers[0].email_configs[0].smarthost", "or smtp_smarthost under global:" },
        { "pagerduty without key", Base + "    pagerduty_configs:\n      - severity: critical\n", 6, "receivers[0].pagerduty_configs[0].routing_key", "missing one of routing_key" },
        { "opsgenie without key", Base + "    opsgenie_configs:\n      - message: m\n", 6, "receivers[0].opsgenie_configs[0].api_key", "opsgenie_api_key under global:" },
        { "victorops without routing key", "global:\n  victorops_api_key: k\n" + Base + "    victorops_configs:\n      - message_type: CRITICAL\n", 8, "receivers[0].victorops_configs[0].routing_key", "missing routing_key" },
        { "pushover without token", Base + "    pushover_configs:\n      - user_key: u\n", 6, "receivers[0].pushover_configs[0].token", "missing one of token, token_file" },
        { "wechat without corp id", "global:\n  wechat_api_secret: s\n" + Base + "    wechat_configs:\n      - message: m\n", 8, "receivers[0].wechat_configs[0].corp_id", "wechat_api_corp_id under global:" },
        { "telegram without chat", Base + "    telegram_configs:\n      - bot_token: t\n", 6, "receivers[0].telegram_configs[0].chat_id", "missing one of chat_id, chat_id_file" },
        { "sns without target", Base + "    sns_configs:\n      - subject: s\n", 6, "receivers[0].sns_configs[0].target_arn", "missing one of target_arn, topic_arn, phone_number" },
        { "webex without room", Base + "    webex_configs:\n      - http_config:\n          authorization: {credentials: c}\n", 6, "receivers[0].webex_configs[0].room_id", "missing room_id" },
        { "webex without authorization", Base + "    webex_configs:\n      - room_id: r\n", 6, "receivers[0].webex_configs[0].http_config.authorization", "needs http_config.authorization" },
        { "discord without webhook", Base + "    discord_configs:\n      - title: t\n", 6, "receivers[0].discord_configs[0].webhook_url", "missing one of webhook_url" },
        { "msteams without webhook", Base + "    msteams_configs:\n      - title: t\n", 6, "receivers[0].msteams_configs[0].webhook_url", "missing one of webhook_url" },
        { "msteamsv2 without webhook", Base + "    msteamsv2_configs:\n      - title: t\n", 6, "receivers[0].msteamsv2_configs[0].webhook_url", "missing one of webhook_url" },
        { "jira without project", Base + "    jira_configs:\n      - issue_type: Bug\n        api_url: https://x.atlassian.net\n", 6, "receivers[0].jira_configs[0].project", "missing project" },
        { "rocketchat without token", Base + "    rocketchat_configs:\n      - channel: c\n", 6, "receivers[0].rocketchat_configs[0].token_id", "rocketchat_token_id under global:" },

        // http_config.
        { "basic_auth and authorization", Base + "    webhook_configs:\n      - url: http://x.example\n        http_config:\n          basic_auth: {username: u}\n          authorization: {credentials: c}\n", 9, "receivers[0].webhook_configs[0].http_config.authorization", "at most one of basic_auth, oauth2 & authorization" },
        { "authorization basic", Base + "    webhook_configs:\n      - url: http://x.example\n        http_config:\n          authorization: {type: Basic}\n", 8, "receivers[0].webhook_configs[0].http_config.authorization.type", "use basic_auth" },
        { "tls version", "global:\n  http_config:\n    tls_config:\n      min_version: TLS14\n" + Base, 4, "global.http_config.tls_config.min_version", "unknown TLS version" },
        { "bad proxy url", "global:\n  http_config:\n    proxy_url: proxy:3128\n" + Base, 3, "global.http_config.proxy_url", "absolute http:// or https:// URL" },

        // Time intervals.
        { "time out of range", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - times:\n          - start_time: '25:00'\n            end_time: '26:00'\n", 9, "time_intervals[0].time_intervals[0].times[0].start_time", "invalid time \"25:00\"" },
        { "time start after end", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - times:\n          - start_time: '22:00'\n            end_time: '06:00'\n", 9, "time_intervals[0].time_intervals[0].times[0]", "split it into two" },
        { "time missing end", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - times:\n          - start_time: '22:00'\n", 9, "time_intervals[0].time_intervals[0].times[0]", "both start_time and end_time" },
        { "weekday reversed", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - weekdays: ['friday:monday']\n", 8, "time_intervals[0].time_intervals[0].weekdays[0]", "start day cannot be after end day" },
        { "weekday unknown", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - weekdays: [funday]\n", 8, "time_intervals[0].time_intervals[0].weekdays[0]", "\"funday\" is not a valid value here" },
        { "day of month zero", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - days_of_month: ['0:5']\n", 8, "time_intervals[0].time_intervals[0].days_of_month[0]", "0 is not a valid day of the month" },
        { "day of month negative then positive", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - days_of_month: ['-3:5']\n", 8, "time_intervals[0].time_intervals[0].days_of_month[0]", "end day must be negative" },
        { "month unknown", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - months: [smarch]\n", 8, "time_intervals[0].time_intervals[0].months[0]", "not a valid value" },
        { "month out of range", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - months: ['13']\n", 8, "time_intervals[0].time_intervals[0].months[0]", "out of range" },
        { "years reversed", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - years: ['2030:2020']\n", 8, "time_intervals[0].time_intervals[0].years[0]", "end year 2020 is before start year 2030" },
        { "unknown location", Base + "time_intervals:\n  - name: t\n    time_intervals:\n      - location: Mars/Olympus\n", 8, "time_intervals[0].time_intervals[0].location", "unknown time zone" },
        { "time interval without name", Base + "time_intervals:\n  - time_intervals: []\n", 6, "time_intervals[0].name", "missing name in time interval" },

        // YAML syntax.
        { "unquoted star value", Base + "    slack_configs:\n      - api_url: https://x.example\n        text: *Description:* {{ .x }}\n", 7, "", "YAML alias" },
        { "unquoted template value", Base + "    slack_configs:\n      - api_url: https://x.example\n        title: {{ .Status }}\n", 7, "receivers[0].slack_configs[0].title", "quote the value" },
        { "unquoted list-like value", Base + "    slack_configs:\n      - api_url: https://x.example\n        title: [{{ .Status }}] down\n", 7, "", "quote the value" },
        { "bad indentation", "route:\n  receiver: r\n group_wait: 1m\nreceivers:\n  - name: r\n", 3, "", "YAML syntax error" },
        { "duplicate key", "route:\n  receiver: r\n  receiver: q\nreceivers:\n  - name: r\n", 3, "", "appears twice" },
        { "unclosed quote", Base + "    slack_configs:\n      - channel: '#a\n", 6, "", "YAML syntax error" },
        { "tab indentation", "route:\n\treceiver: r\nreceivers:\n  - name: r\n", 2, "", "must use spaces, not tabs" },
        { "unclosed inline list", "route:\n  receiver: r\n  group_by: [a, b\nreceivers:\n  - name: r\n", 3, "", "is not closed" },
        { "bad escape in double quotes", "route:\n  receiver: r\n  routes:\n    - matchers: [\"job=~\\\"a\\d\\\"\"]\nreceivers:\n  - name: r\n", 4, "", "use single quotes for regexes" },
        { "empty file", "", 1, "", "the file is empty" },
        { "comment only file", "# nothing\n", 1, "", "the file is empty" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_MalformedConfig_ReportsLineFieldAndMessage(string name, string yaml, int line, string field, string fragment)
    {
        var result = ConfigTestData.Parse(yaml);

        Assert.False(result.Ok, name);
        Assert.Null(result.Config);
        Assert.True(
            result.Errors.Any(e => e.Line == line && e.Field == field && e.ToString().Contains(fragment, StringComparison.Ordinal)),
            $"{name}: no error at line {line}, field '{field}' containing '{fragment}'. Got:\n{string.Join("\n", result.Errors)}");
    }

    [Fact]
    public void Parse_SeedOriginal_RuleFilesErrorFormattedLikeACompiler()
    {
        var result = ConfigTestData.Load("seed-original.yml");

        var error = Assert.Single(result.Errors);
        Assert.Equal((17, 1, "rule_files"), (error.Line, error.Column, error.Field));
        Assert.EndsWith(
            "seed-original.yml:17:1: rule_files: field not allowed in alertmanager.yml; it belongs in prometheus.yml (rules are evaluated by the Prometheus server, which sends the alerts to Alertmanager)",
            error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsAllInFileOrder()
    {
        var yaml = ConfigTestData.Yaml(
            "global:",
            "  scrape_interval: 15s",
            "route:",
            "  receiver: nobody",
            "  group_wait: 10",
            "receivers:",
            "  - name: r",
            "    slack_configs:",
            "      - channel: '#a'",
            "rule_files: [a.yml]");

        var result = ConfigTestData.Parse(yaml);

        Assert.Equal([2, 4, 5, 9, 10], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Parse_InvalidSecretUrl_DoesNotEchoTheSecret()
    {
        var yaml = Base + "    slack_configs:\n      - api_url: hooks.slack.com/services/T0/B0/supersecret\n";

        var result = ConfigTestData.Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Contains("not shown because it is secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("supersecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_ReportsPathAndHint()
    {
        var result = ConfigLoaderFacade.LoadMissing();

        var error = Assert.Single(result.Errors);
        Assert.Contains("cannot read the config file", error.Message, StringComparison.Ordinal);
        Assert.Contains("mounted", error.Hint, StringComparison.Ordinal);
        Assert.StartsWith(error.File + ": cannot read", error.ToString(), StringComparison.Ordinal);
    }

    private static class ConfigLoaderFacade
    {
        public static Alertmanager.Config.ConfigLoadResult LoadMissing() =>
            Alertmanager.Config.ConfigLoader.LoadFile(Path.Combine(Path.GetTempPath(), "vigil-no-such-dir", "alertmanager.yml"));
    }
}

public sealed class ConfigLoaderSeedTests
{
    [Fact]
    public void LoadFile_SeedAsPrinted_ExplainsTheUnindentedBlockText()
    {
        var result = ConfigTestData.Load("seed-flattened.yml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(11, error.Line);
        Assert.Contains("the text of the block value 'text: >-' on the line above is not indented", error.Message, StringComparison.Ordinal);
        Assert.Equal("indent the text lines more than text: (e.g. two more spaces)", error.Hint);
    }

    [Theory]
    [InlineData(3, "slack_api_url", "it belongs under global: — indent it below global: on line 2, which is empty as written")]
    [InlineData(6, "slack_configs", "it belongs in a receivers entry (next to name:)")]
    [InlineData(8, "send_resolved", "it belongs inside slack_configs:")]
    [InlineData(11, "route", "indent its keys (receiver:, group_wait:, routes:, ...) below route:")]
    [InlineData(12, "group_wait", "indent it below route: on line 11, which is empty as written")]
    [InlineData(15, "receiver", "indent it below route: on line 11")]
    [InlineData(17, "rule_files", "it belongs in prometheus.yml")]
    public void LoadFile_SeedAsPrintedQuoted_SaysWhereEachKeyBelongs(int line, string field, string hint)
    {
        var result = ConfigTestData.Load("seed-flattened-quoted.yml");

        Assert.Contains(result.Errors, e => e.Line == line && e.Field == field && e.Hint!.Contains(hint, StringComparison.Ordinal));
    }
}
