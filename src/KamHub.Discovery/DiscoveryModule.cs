using KamHub.Core.Data;
using KamHub.Core.Hosting;
using KamHub.Discovery.Search.Index;
using KamHub.Core.Events;
using KamHub.Core.Seeding;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;
using KamHub.Discovery.Operators;
using KamHub.Discovery.Ratings;
using KamHub.Discovery.Operators.CreateOperator;
using KamHub.Discovery.Operators.ListOperators;
using KamHub.Discovery.Seeding;
using KamHub.Discovery.Tours;
using KamHub.Discovery.Tours.ChangeStatus;
using KamHub.Discovery.Tours.CreateTour;
using KamHub.Discovery.Tours.DeleteTour;
using KamHub.Discovery.Tours.GetTour;
using KamHub.Discovery.Tours.ListOperatorTours;
using KamHub.Discovery.Tours.SearchTours;
using KamHub.Discovery.Tours.UpdateTour;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KamHub.Discovery;

public static class DiscoveryModule
{
    public static IHostApplicationBuilder AddDiscoveryModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDatabase<DiscoveryDbContext>(DiscoveryDbContext.Module);
        builder.Services.AddEventOutbox<DiscoveryDbContext>();
        builder.Services.AddEventSubscriber<DiscoveryDbContext, TourCacheInvalidation>(TourCacheInvalidation.Name, TourCacheInvalidation.Pattern);
        builder.Services.AddEventSubscriber<DiscoveryDbContext, DepartureProjection>(DepartureProjection.ScheduleSubscriber, DepartureProjection.SchedulePattern);
        builder.Services.AddEventSubscriber<DiscoveryDbContext, DepartureProjection>(DepartureProjection.SeatsSubscriber, DepartureProjection.SeatsPattern);
        builder.Services.AddEventSubscriber<DiscoveryDbContext, RatingProjection>(RatingProjection.Subscriber, RatingProjection.Pattern);
        builder.Services.AddScoped<TourSearch>();
        builder.Services.AddValidatedOptions<SearchIndexOptions>(builder.Configuration.GetSection(SearchIndexOptions.SectionName));
        builder.Services.AddSingleton<TourSearchIndex>();
        builder.Services.AddHostedService<SearchIndexRefresh>();
        builder.Services.AddHostedService<SearchChangesPruning>();
        builder.Services.AddScoped<TourAvailability>();
        builder.Services.AddSingleton<RenderedSearchAnswers>();
        builder.Services.AddScoped<AfterCommitInvalidation>();
        builder.Services.AddScoped<ITourCatalog, TourCatalog>();
        builder.Services.AddScoped<IOperatorDirectory, OperatorDirectory>();
        builder.Services.AddSingleton<IDemoSeeder, DiscoveryDemoSeeder>();
        builder.Services.AddSingleton<IBulkSeeder, BulkTourSeeder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDiscoveryModule(this IEndpointRouteBuilder endpoints)
    {
        CreateOperatorEndpoint.Map(endpoints);
        ListOperatorsEndpoint.Map(endpoints);
        CreateTourEndpoint.Map(endpoints);
        UpdateTourEndpoint.Map(endpoints);
        DeleteTourEndpoint.Map(endpoints);
        ChangeStatusEndpoints.Map(endpoints);
        SearchToursEndpoint.Map(endpoints);
        GetTourEndpoint.Map(endpoints);
        ListOperatorToursEndpoint.Map(endpoints);
        return endpoints;
    }
}
