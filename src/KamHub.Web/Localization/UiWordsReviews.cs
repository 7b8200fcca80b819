namespace KamHub.Web.Localization;

internal static partial class UiText
{
    /// <summary>The words of review moderation, operator replies, report and helpful, aspects, points debt and conversations.</summary>
    private static readonly Dictionary<string, (string En, string Ru)> ReviewWords = new(StringComparer.Ordinal)
    {
        ["review-moderation"] = ("Reviews", "Отзывы"),
        ["reviews-reported"] = ("Reported reviews", "Отзывы с жалобами"),
        ["reviews-recent"] = ("Newest reviews", "Новые отзывы"),
        ["no-reviews-reported"] = ("Nobody has reported a review.", "Жалоб на отзывы нет."),
        ["no-reviews-recent"] = ("No reviews yet.", "Отзывов пока нет."),
        ["review-hidden"] = ("Hidden", "Скрыт"),
        ["moderation-reason"] = ("Reason", "Причина"),
        ["review-hide"] = ("Hide", "Скрыть"),
        ["review-restore"] = ("Restore", "Вернуть"),
        ["tour-reviews"] = ("Reviews of your tours", "Отзывы о ваших турах"),
        ["your-reply"] = ("Your public reply", "Ваш публичный ответ"),
        ["publish-reply"] = ("Reply", "Ответить"),
        ["reply-once"] = ("You can reply once; everyone sees the reply under the review.", "Ответить можно один раз; ответ виден всем под отзывом."),
        ["report-review"] = ("Report", "Пожаловаться"),
        ["report-reason"] = ("What is wrong with it (optional)", "Что не так (необязательно)"),
        ["reported"] = ("Thank you, the moderators will look at it.", "Спасибо, модераторы посмотрят."),
        ["mark-helpful"] = ("Helpful", "Полезно"),
        ["helpful-count"] = ("Helpful to {0}", "Полезно: {0}"),
        ["sign-in-to-react"] = ("Sign in to mark reviews helpful or report them", "Войдите, чтобы отмечать полезные отзывы или жаловаться"),
        ["aspect-guide"] = ("Guide (optional)", "Гид (необязательно)"),
        ["aspect-safety"] = ("Safety (optional)", "Безопасность (необязательно)"),
        ["aspect-value"] = ("Value for money (optional)", "Цена и качество (необязательно)"),
        ["edit-review"] = ("Edit your review", "Изменить отзыв"),
        ["save-review"] = ("Save review", "Сохранить отзыв"),
        ["points-owed"] = ("Points owed (taken back from what you earn next):", "Долг по баллам (спишется с следующих начислений):"),
        ["my-conversations"] = ("My conversations", "Мои переписки"),
        ["no-conversations"] = ("No conversations yet.", "Переписок пока нет."),
        ["unread"] = ("{0} unread", "непрочитанных: {0}"),
        ["last-message"] = ("Last message", "Последнее сообщение"),
    };
}
