using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ActorChat.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// MQTT over WebSocket at <c>/mqtt</c> with real clients: MQTT.js (MQTT 5 and 3.1.1) next to socket.io-client and a
/// raw WebSocket client in one room, and MQTTnet's .NET client. Each hears the others; what is not supported is
/// refused with MQTT's reason codes; a bad payload gets an error and changes nothing else.
/// </summary>
public sealed class MqttTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string NewRoom() => "mqtt-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task MqttJs_socket_io_and_raw_WebSocket_clients_in_one_room_hear_each_other_and_unsupported_features_are_refused()
    {
        var room = NewRoom();
        await using var node = NodeClient.Start("mqtt-clients.mjs", fixture.Server.BaseUri.ToString(), room);
        var checks = new Dictionary<string, JsonElement>();
        while (true)
        {
            var line = await node.NextLineAsync(TimeSpan.FromSeconds(90));
            Assert.False(line.TryGetProperty("failed", out _), line.ToString());
            if (line.TryGetProperty("done", out _)) break;
            checks[line.GetProperty("check").GetString()!] = line;
        }

        // MQTT 5: CONNACK says what is not available; the connect event comes on the own topic; SUBSCRIBE joins.
        var connected = checks["mqtt5-connected"];
        var connack = connected.GetProperty("connack");
        Assert.False(connack.GetProperty("retainAvailable").GetBoolean());
        Assert.Equal(1, connack.GetProperty("maximumQoS").GetInt32());
        Assert.False(connack.GetProperty("wildcardSubscriptionAvailable").GetBoolean());
        Assert.False(connack.GetProperty("sharedSubscriptionAvailable").GetBoolean());
        Assert.Equal("mqtt5-user", connected.GetProperty("hello").GetProperty("args")[0].GetProperty("user").GetString());
        Assert.Equal(1, connected.GetProperty("granted")[0].GetInt32());
        Assert.Equal("mqtt5-user has entered the room.", connected.GetProperty("entered").GetProperty("args")[0].GetString());

        // MQTT → socket.io and raw WebSocket, as the chat namespace's room message; the publisher hears it too (MQTT's rule).
        var toOthers = checks["mqtt-to-others"];
        Assert.True(toOthers.GetProperty("puback").GetProperty("ok").GetBoolean());
        foreach (var heard in new[] { toOthers.GetProperty("sioHeard"), toOthers.GetProperty("wsHeard") })
        {
            Assert.Equal(room, heard.GetProperty("room").GetString());
            Assert.Equal("mqtt5-user", heard.GetProperty("from").GetProperty("user").GetString());
        }
        Assert.Equal(1, toOthers.GetProperty("echo").GetProperty("qos").GetInt32());

        // socket.io and raw WebSocket → MQTT, as PUBLISH of {"event", "args"} on the room's topic.
        var fromOthers = checks["others-to-mqtt"];
        Assert.Equal("hello from socket.io", fromOthers.GetProperty("fromSio").GetProperty("args")[0].GetProperty("text").GetString());
        Assert.Equal("sio-user", fromOthers.GetProperty("fromSio").GetProperty("args")[0].GetProperty("from").GetProperty("user").GetString());
        Assert.Equal("hello from ws", fromOthers.GetProperty("fromWs").GetProperty("args")[0].GetProperty("text").GetString());

        // MQTT 3.1.1 both ways.
        var v311 = checks["mqtt311"];
        Assert.Equal(1, v311.GetProperty("granted")[0].GetInt32());
        Assert.Equal("mqtt311-user", v311.GetProperty("sioHeard").GetProperty("from").GetProperty("user").GetString());
        Assert.Equal("to everyone", v311.GetProperty("heard").GetProperty("args")[0].GetProperty("text").GetString());

        // SUBACK reason codes: 0xA2 wildcards, 0x9E shared subscriptions, 0x8F another namespace's topic; QoS 2 is granted as 1;
        // MQTT 3.1.1 has only 0x80.
        var refused = checks["refused-subscriptions"];
        var v5 = refused.GetProperty("v5");
        Assert.Equal(0xA2, v5.GetProperty("wildcardPlus")[0].GetInt32());
        Assert.Equal(0xA2, v5.GetProperty("wildcardHash")[0].GetInt32());
        Assert.Equal(0x9E, v5.GetProperty("shared")[0].GetInt32());
        Assert.Equal(0x8F, v5.GetProperty("otherNamespace")[0].GetInt32());
        Assert.Equal(1, v5.GetProperty("qos2")[0].GetInt32());
        Assert.Equal(0x80, refused.GetProperty("v311").GetProperty("wildcard")[0].GetInt32());
        Assert.Equal(0x80, refused.GetProperty("v311").GetProperty("otherNamespace")[0].GetInt32());

        // A payload that is not UTF-8: PUBACK 0x99 and a bad_frame error; publishing to the own topic: 0x90. The room still works.
        var bad = checks["bad-payload"];
        Assert.Equal(0x99, bad.GetProperty("puback").GetProperty("reasonCode").GetInt32());
        Assert.Equal("bad_frame", bad.GetProperty("error").GetProperty("args")[0].GetProperty("code").GetString());
        Assert.Equal(0x90, bad.GetProperty("ownTopicPuback").GetProperty("reasonCode").GetInt32());
        Assert.Equal("still here", bad.GetProperty("stillHeard").GetProperty("text").GetString());

        // UNSUBSCRIBE leaves the room.
        Assert.Equal("left", checks["unsubscribe"].GetProperty("left").GetProperty("status").GetString());

        // Retained and QoS 2 publishes: an unsupported error, then DISCONNECT 0x9A and 0x9B.
        var unsupported = checks["unsupported-publishes"];
        Assert.True(unsupported.GetProperty("retainClosed").TryGetProperty("disconnectReason", out _), unsupported.ToString());
        Assert.True(unsupported.GetProperty("qos2Closed").TryGetProperty("disconnectReason", out _), unsupported.ToString());
        Assert.Equal("unsupported", unsupported.GetProperty("retainError").GetProperty("args")[0].GetProperty("code").GetString());
        Assert.Equal(0x9A, unsupported.GetProperty("retainClosed").GetProperty("disconnectReason").GetInt32());
        Assert.Equal("unsupported", unsupported.GetProperty("qos2Error").GetProperty("args")[0].GetProperty("code").GetString());
        Assert.Equal(0x9B, unsupported.GetProperty("qos2Closed").GetProperty("disconnectReason").GetInt32());
        Assert.Equal("unsupported", unsupported.GetProperty("retain311Error").GetProperty("args")[0].GetProperty("code").GetString());
        Assert.True(unsupported.GetProperty("retain311Closed").GetProperty("closedWithoutDisconnect").GetBoolean());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task MQTTnet_client_and_a_raw_WebSocket_client_hear_each_other(MqttProtocolVersion version)
    {
        var room = NewRoom();
        var user = $"mqttnet-{version}";
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, version, user));
        Assert.Equal(user, (await mqtt.NextEventAsync("chat", "connect"))[0].GetProperty("user").GetString());
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.GrantedQoS1, await mqtt.SubscribeAsync($"chat/{room}"));

        await using var ws = await EnvelopeClient.ConnectAsync(fixture.Server.Ws("ws/chat?user=ws-peer"));
        await ws.EmitWithAckAsync("join", new { room });
        await ws.EmitAsync("chat message", new { room, text = "from ws" });
        var heard = await mqtt.NextEventAsync($"chat/{room}", "chat message");
        Assert.Equal("from ws", heard[0].GetProperty("text").GetString());
        Assert.Equal("ws-peer", heard[0].GetProperty("from").GetProperty("user").GetString());

        Assert.Equal(MqttClientPublishReasonCode.Success, await mqtt.PublishAsync($"chat/{room}", "from MQTTnet"));
        var got = await ws.NextEventAsync("chat message", args => args[0].GetProperty("text").GetString() == "from MQTTnet");
        Assert.Equal(user, got[0].GetProperty("from").GetProperty("user").GetString());
    }

    // MQTTnet's client drops PUBLISH packets it has not handed over yet when a DISCONNECT follows them closely, so the
    // error event before the DISCONNECT is asserted with MQTT.js above; here the DISCONNECT's reason code.
    [Fact]
    public async Task A_retained_publish_ends_the_connection_with_DISCONNECT_retain_not_supported()
    {
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "mqtt-retainer"));
        await mqtt.PublishAsync($"chat/{NewRoom()}", "keep me", MqttQualityOfServiceLevel.AtMostOnce, retain: true);
        Assert.Equal(MqttClientDisconnectReason.RetainNotSupported, await mqtt.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Mqtt_at_a_namespace_path_is_that_namespace_and_its_topics_carry_its_name()
    {
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "ns-user", path: "mqtt/socketTest"));
        // The tutorial's TestNamespace greets on connect, on the connection's own topic.
        Assert.Equal("class conected!", (await mqtt.NextEventAsync("socketTest", "message"))[0].GetString());
        Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await mqtt.SubscribeAsync("chat/room1"));
    }

    [Fact]
    public async Task A_packet_announcing_more_than_MaxMessageBytes_closes_the_connection_without_waiting_for_its_body()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("mqtt");
        await socket.ConnectAsync(fixture.Server.Ws("mqtt?user=big-packet"), CancellationToken.None);
        // MQTT 3.1.1 CONNECT, client id "id", then a PUBLISH whose header announces 1 MiB (remaining length 0x80 0x80 0x40).
        byte[] connect = [0x10, 14, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 2, 0, 60, 0, 2, (byte)'i', (byte)'d'];
        await socket.SendAsync(connect, WebSocketMessageType.Binary, true, CancellationToken.None);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.True(first.Count >= 4 && buffer[0] == 0x20 && buffer[3] == 0, "CONNACK accepted");

        await socket.SendAsync(new byte[] { 0x30, 0x80, 0x80, 0x40, 0, 3, (byte)'a', (byte)'/', (byte)'b' }, WebSocketMessageType.Binary, true, CancellationToken.None);
        var closed = false;
        try
        {
            while (!closed) closed = (await socket.ReceiveAsync(buffer, timeout.Token)).MessageType == WebSocketMessageType.Close;
        }
        catch (WebSocketException)
        {
            closed = true;
        }
        Assert.True(closed);
    }

    [Fact]
    public async Task A_plain_request_or_one_without_the_mqtt_subprotocol_is_refused_before_any_upgrade()
    {
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(fixture.Server.Http("mqtt"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UpgradeProbe.TryAsync(fixture.Server.Ws("mqtt"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await UpgradeProbe.TryAsync(fixture.Server.Ws("mqtt/nowhere"))).Status);
    }
}

/// <summary>With JWT authentication an MQTT client's token is its password (or <c>access_token</c>); a bad one is refused in CONNACK.</summary>
public sealed class MqttJwtTests(JwtServerFixture fixture) : IClassFixture<JwtServerFixture>
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_valid_token_as_the_password_admits_its_user_and_the_user_name_is_ignored(MqttProtocolVersion version)
    {
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, version, "mallory", TestTokens.For("mqtt-alice")));
        Assert.Equal("mqtt-alice", (await mqtt.NextEventAsync("chat", "connect"))[0].GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_token_in_the_access_token_query_parameter_works_too()
    {
        var token = TestTokens.For("mqtt-query-user");
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, path: $"mqtt?access_token={token}"));
        Assert.Equal("mqtt-query-user", (await mqtt.NextEventAsync("chat", "connect"))[0].GetProperty("user").GetString());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, "forged")]
    [InlineData(MqttProtocolVersion.V500, "expired")]
    [InlineData(MqttProtocolVersion.V500, "missing")]
    [InlineData(MqttProtocolVersion.V311, "forged")]
    public async Task A_bad_or_missing_token_is_refused_with_bad_user_name_or_password(MqttProtocolVersion version, string kind)
    {
        var password = kind switch
        {
            "forged" => TestTokens.For("mqtt-bob", key: TestTokens.WrongKey),
            "expired" => TestTokens.Expired("mqtt-bob"),
            _ => null,
        };
        await using var refused = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, version, "mqtt-bob", password));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Connected.ResultCode);
        if (version == MqttProtocolVersion.V500) Assert.False(string.IsNullOrEmpty(refused.Connected.ReasonString));
    }

    [Fact]
    public async Task A_connection_whose_token_expires_is_closed_with_DISCONNECT_not_authorized()
    {
        var token = TestTokens.For("mqtt-expiring", lifetime: TimeSpan.FromSeconds(4));
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "mqtt-expiring", token));
        Assert.Equal(MqttClientConnectResultCode.Success, mqtt.Connected.ResultCode);
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, await mqtt.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_room_rule_refuses_the_subscription_as_not_authorized()
    {
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "mqtt-carol", TestTokens.For("mqtt-carol")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await mqtt.SubscribeAsync("chat/vip-lounge"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await mqtt.SubscribeAsync("chat/lobby"));
        Assert.Equal("forbidden", (await mqtt.NextEventAsync("chat", "error"))[0].GetProperty("code").GetString());
    }
}

/// <summary>An MQTT upgrade from a page of an origin not in <c>ActorChat:AllowedOrigins</c> gets 403 before the upgrade.</summary>
public sealed class MqttOriginTests(AllowListServerFixture fixture) : IClassFixture<AllowListServerFixture>
{
    [Fact]
    public async Task A_page_of_another_origin_gets_403_and_an_allowed_one_connects()
    {
        var (status, body) = await UpgradeProbe.RefusalAsync(fixture.Server.Ws("mqtt"),
            new Dictionary<string, string> { ["Origin"] = "https://evil.example", ["Sec-WebSocket-Protocol"] = "mqtt" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("origin_not_allowed", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());

        var options = MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "page-user");
        ((MqttClientWebSocketOptions)options.ChannelOptions).RequestHeaders = new Dictionary<string, string> { ["Origin"] = AllowListServerFixture.AllowedOrigin };
        await using var mqtt = await MqttTestClient.ConnectAsync(options);
        Assert.Equal("page-user", (await mqtt.NextEventAsync("chat", "connect"))[0].GetProperty("user").GetString());
    }
}

/// <summary>The event and room limits hold for MQTT clients as for every transport, as MQTT reason codes.</summary>
public sealed class MqttLimitTests(HardeningServerFixture fixture) : IClassFixture<HardeningServerFixture>
{
    [Fact]
    public async Task Subscribing_past_the_room_limit_is_quota_exceeded()
    {
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "mqtt-rooms"));
        for (var i = 0; i < 5; i++) Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await mqtt.SubscribeAsync($"chat/limit-{i}"));
        Assert.Equal(MqttClientSubscribeResultCode.QuotaExceeded, await mqtt.SubscribeAsync("chat/limit-5"));
        Assert.Equal("too_many_rooms", (await mqtt.NextEventAsync("chat", "error"))[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Flooding_past_the_refused_events_limit_ends_the_connection_with_DISCONNECT_message_rate_too_high()
    {
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "mqtt-flooder"));
        var room = "flood-" + Guid.NewGuid().ToString("N")[..8];
        // QoS 0: nothing waits for an answer, so the events come far faster than the budget (20 a second) allows.
        for (var i = 0; i < 400 && !mqtt.Disconnected.Task.IsCompleted; i++)
        {
            try
            {
                await mqtt.PublishAsync($"chat/{room}", $"m{i}", MqttQualityOfServiceLevel.AtMostOnce);
            }
            catch (Exception) when (mqtt.Disconnected.Task.IsCompleted)
            {
                break;
            }
        }
        Assert.Equal(MqttClientDisconnectReason.MessageRateTooHigh, await mqtt.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Publishing_past_the_event_budget_is_quota_exceeded_and_the_connection_stays()
    {
        await using var mqtt = await MqttTestClient.ConnectAsync(MqttTestClient.Options(fixture.Server, MqttProtocolVersion.V500, "mqtt-flood"));
        var room = "flood-" + Guid.NewGuid().ToString("N")[..8];
        var codes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => mqtt.PublishAsync($"chat/{room}", $"m{i}")));
        Assert.Contains(MqttClientPublishReasonCode.QuotaExceeded, codes);
        Assert.Contains(MqttClientPublishReasonCode.Success, codes);
        Assert.Equal("rate_limited", (await mqtt.NextEventAsync("chat", "error"))[0].GetProperty("code").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(MqttClientPublishReasonCode.Success, await mqtt.PublishAsync($"chat/{room}", "after the burst"));
    }
}
