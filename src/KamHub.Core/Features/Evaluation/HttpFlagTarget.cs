using System.Security.Claims;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Http;

namespace KamHub.Core.Features.Evaluation;

/// <summary>The flag target of an HTTP caller: the signed-in user (id, roles, organisation), else the visitor key.</summary>
internal static class HttpFlagTarget
{
    public static FlagTarget Of(HttpContext context)
    {
        var user = context.User;
        if (user.GetUserId() is { } userId)
            return FlagTarget.ForUser(userId, user.FindAll(KamHubClaims.Role).Select(c => c.Value), user.GetOperatorId());
        return FlagTarget.ForVisitor(VisitorKey.Get(context));
    }
}
