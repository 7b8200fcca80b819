using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Engagement.Conversations;
using KamHub.Engagement.Conversations.Guides;
using KamHub.Engagement.Conversations.Live;
using KamHub.Engagement.Data;
using KamHub.Engagement.Points;
using KamHub.Engagement.Ratings;
using KamHub.Engagement.Reviews.BookingReview;
using KamHub.Engagement.Reviews.EditReview;
using KamHub.Engagement.Reviews.ListReviews;
using KamHub.Engagement.Reviews.Moderation;
using KamHub.Engagement.Reviews.ReplyToReview;
using KamHub.Engagement.Reviews.SubmitReview;
using KamHub.Engagement.Trips;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using KamHub.Core.Hosting;

namespace KamHub.Engagement;

/// <summary>The Engagement module: completed trips as Booking reports them, reviews and tour ratings (ADR 0017).</summary>
public static class EngagementModule
{
    public static IHostApplicationBuilder AddEngagementModule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EngagementOptions>(builder.Configuration.GetSection(EngagementOptions.SectionName));
        builder.AddModuleDatabase<EngagementDbContext>(EngagementDbContext.Module);
        builder.Services.AddEventOutbox<EngagementDbContext>();
        builder.Services.AddEventSubscriber<EngagementDbContext, BookingCompletedHandler>(BookingCompletedHandler.Subscriber,
            KamHub.Booking.Contracts.BookingCompleted.EventName);
        builder.Services.AddEventSubscriber<EngagementDbContext, RefundedTripHandler>(RefundedTripHandler.Subscriber,
            KamHub.Booking.Contracts.BookingCancelled.EventName);
        builder.Services.AddScoped<TourRatings>();
        builder.Services.AddScoped<PointsLedger>();
        builder.Services.AddEventSubscriber<EngagementDbContext, PointsReturnHandler>(PointsReturnHandler.ExpiredSubscriber,
            KamHub.Booking.Contracts.BookingExpired.EventName);
        builder.Services.AddEventSubscriber<EngagementDbContext, PointsReturnHandler>(PointsReturnHandler.CancelledSubscriber,
            KamHub.Booking.Contracts.BookingCancelled.EventName);
        builder.Services.AddEventSubscriber<EngagementDbContext, PointsRetakeHandler>(PointsRetakeHandler.Subscriber,
            KamHub.Booking.Contracts.BookingConfirmed.EventName);
        builder.Services.AddScoped<KamHub.Engagement.Contracts.IPointsRedemption, PointsRedemption>();
        builder.Services.AddSingleton<OrphanedRedemptionWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrphanedRedemptionWorker>());
        builder.Services.AddScoped<ConversationStore>();
        builder.Services.AddScoped<MessagePosting>();
        builder.Services.AddScoped<MessagePartitions>();
        builder.Services.AddHostedService<MessagePartitionWorker>();
        builder.Services.AddEventSubscriber<EngagementDbContext, GuideAssignmentHandler>(GuideAssignmentHandler.Subscriber, GuideAssignmentHandler.Pattern);
        builder.Services.AddSingleton<ConversationSignals>();
        builder.Services.AddSingleton<LiveStreamSlots>();
        builder.Services.AddScoped<LiveConversation>();
        builder.Services.AddHostedService<ConversationFeed>();
        return builder;
    }

    public static IEndpointRouteBuilder MapEngagementModule(this IEndpointRouteBuilder endpoints)
    {
        SubmitReviewEndpoint.Map(endpoints);
        EditReviewEndpoint.Map(endpoints);
        ReplyToReviewEndpoint.Map(endpoints);
        ReportReviewEndpoint.Map(endpoints);
        ModerateReviewEndpoints.Map(endpoints);
        HelpfulVoteEndpoint.Map(endpoints);
        ListTourReviewsEndpoint.Map(endpoints);
        OperatorReviewsEndpoint.Map(endpoints);
        BookingReviewEndpoint.Map(endpoints);
        MyPointsEndpoint.Map(endpoints);
        MessagesEndpoints.Map(endpoints);
        MyConversationsEndpoint.Map(endpoints);
        LiveConversationEndpoint.Map(endpoints);
        return endpoints;
    }
}
