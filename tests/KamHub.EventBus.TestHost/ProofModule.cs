using KamHub.Core.Data;
using KamHub.Core.Events;

namespace KamHub.EventBus.TestHost;

public static class ProofModule
{
    /// <summary>The subscribers and what they match: exact, prefix wildcard, everything.</summary>
    public static readonly (string Name, string Pattern)[] Subscribers =
    [
        ("proof.exact", ProofOrdered.EventName),
        ("proof.prefix", "proof.*"),
        ("proof.all", "*"),
    ];

    public static WebApplicationBuilder AddProofModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProofOptions>().Bind(builder.Configuration.GetSection(ProofOptions.SectionName));
        builder.AddModuleDatabase<ProofDbContext>("Proof");
        builder.Services.AddEventOutbox<ProofDbContext>();
        builder.Services.AddEventBatchSubscriber<ProofDbContext, ExactProofHandler>(Subscribers[0].Name, Subscribers[0].Pattern);
        builder.Services.AddEventBatchSubscriber<ProofDbContext, PrefixProofHandler>(Subscribers[1].Name, Subscribers[1].Pattern);
        builder.Services.AddEventBatchSubscriber<ProofDbContext, AllProofHandler>(Subscribers[2].Name, Subscribers[2].Pattern);
        builder.Services.AddSingleton<ProofPublisher>();
        builder.Services.AddSingleton<ProofProgress>();
        return builder;
    }
}
