using ActorChat.Hosting;
using ActorChat.Silo;

return await ActorChatProcess.RunAsync(() => SiloApp.Build(args));
