using KamHub.Booking.Contracts;
using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Partners.Agencies;
using KamHub.Partners.Agents.GrantAgent;
using KamHub.Partners.Agents.ListGrants;
using KamHub.Partners.Agents.RevokeGrant;
using KamHub.Partners.Assignments;
using KamHub.Partners.Assignments.AssignStaff;
using KamHub.Partners.Assignments.ChangePickups;
using KamHub.Partners.Assignments.DepartureChanges;
using KamHub.Partners.Assignments.ListAssignments;
using KamHub.Partners.Assignments.MyAssignments;
using KamHub.Partners.Assignments.RemoveAssignment;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using KamHub.Partners.Directory;
using KamHub.Partners.Onboarding;
using KamHub.Partners.Onboarding.Documents;
using KamHub.Partners.Onboarding.Review;
using KamHub.Partners.Onboarding.SubmitApplication;
using KamHub.Partners.Seeding;
using KamHub.Core.Seeding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using KamHub.Core.Hosting;

namespace KamHub.Partners;

/// <summary>The Partners module: operator onboarding, agents' and agencies' grants (ADR 0023), guide and transfer-driver assignments to departures (ADR 0020).</summary>
public static class PartnersModule
{
    public static IHostApplicationBuilder AddPartnersModule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PartnersOptions>(builder.Configuration.GetSection(PartnersOptions.SectionName));
        builder.AddModuleDatabase<PartnersDbContext>(PartnersDbContext.Module);
        builder.Services.AddEventOutbox<PartnersDbContext>();
        // Subscriber names are their identity in the inbox: never rename one that has handled events.
        builder.Services.AddEventSubscriber<PartnersDbContext, DepartureRescheduledHandler>(DepartureRescheduledHandler.Subscriber, DepartureRescheduled.EventName);
        builder.Services.AddEventSubscriber<PartnersDbContext, DepartureCancelledHandler>(DepartureCancelledHandler.Subscriber, DepartureCancelled.EventName);
        builder.Services.AddScoped<StaffCalendar>();
        builder.Services.AddScoped<IAssignmentDirectory, AssignmentDirectory>();
        builder.Services.AddScoped<IOperatorStanding, OperatorStanding>();
        builder.Services.AddSingleton<Onboarding.Documents.Scanning.ClamdScanner>();
        builder.Services.AddScoped<IAgentGrants, AgentGrants>();
        builder.Services.AddScoped<IAgencyDirectory, AgencyDirectory>();
        builder.Services.AddSingleton<IDemoSeeder, PartnersDemoSeeder>();
        builder.Services.AddSingleton<IDemoSeeder, AgencyDemoSeeder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPartnersModule(this IEndpointRouteBuilder endpoints)
    {
        AssignStaffEndpoint.Map(endpoints);
        ListDepartureAssignmentsEndpoint.Map(endpoints);
        ChangePickupsEndpoint.Map(endpoints);
        RemoveAssignmentEndpoint.Map(endpoints);
        MyAssignmentsEndpoint.Map(endpoints);
        SubmitApplicationEndpoint.Map(endpoints);
        ReviewApplicationEndpoints.Map(endpoints);
        UploadDocumentEndpoint.Map(endpoints);
        DocumentEndpoints.Map(endpoints);
        GrantAgentEndpoint.Map(endpoints);
        ListGrantsEndpoint.Map(endpoints);
        RevokeGrantEndpoint.Map(endpoints);
        AdminAgencyEndpoints.Map(endpoints);
        MyAgencyEndpoints.Map(endpoints);
        OperatorAgenciesEndpoint.Map(endpoints);
        return endpoints;
    }
}
