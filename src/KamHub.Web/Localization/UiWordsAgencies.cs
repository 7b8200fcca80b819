namespace KamHub.Web.Localization;

internal static partial class UiText
{
    /// <summary>The words of agencies: the console's agencies, the desk's grant to an agency, an agent's agency (merged into <see cref="Words"/>).</summary>
    private static readonly Dictionary<string, (string En, string Ru)> AgencyWords = new(StringComparer.Ordinal)
    {
        ["agencies"] = ("Agencies", "Агентства"),
        ["agencies-intro"] = ("An agency is a team of agent accounts: an operator may grant it, and then each member sells under the grant, for the agency's commission.",
            "Агентство — команда аккаунтов агентов: оператор может дать право агентству, и тогда каждый участник продаёт по нему, а комиссия идёт агентству."),
        ["no-agencies"] = ("No agencies yet.", "Агентств пока нет."),
        ["create-agency"] = ("Create an agency", "Создать агентство"),
        ["agency-name"] = ("Agency name", "Название агентства"),
        ["manager-email"] = ("First manager's e-mail (an agent account; optional)", "E-mail первого менеджера (аккаунт агента; необязательно)"),
        ["create"] = ("Create", "Создать"),
        ["members"] = ("Members", "Участники"),
        ["no-members"] = ("No members yet.", "Участников пока нет."),
        ["manager"] = ("manager", "менеджер"),
        ["member-email"] = ("Agent's e-mail", "E-mail агента"),
        ["as-manager"] = ("May manage the members", "Может управлять участниками"),
        ["add-member"] = ("Add", "Добавить"),
        ["remove-member"] = ("Remove", "Исключить"),
        ["agency-created"] = ("The agency is created.", "Агентство создано."),
        ["member-added"] = ("The member is added.", "Участник добавлен."),
        ["member-removed"] = ("The member is removed: it sells no more under the agency's grants.", "Участник исключён и больше не продаёт по правам агентства."),
        ["grant-to"] = ("Grant to", "Кому"),
        ["grant-to-agent"] = ("One agent, by e-mail", "Одному агенту, по e-mail"),
        ["grant-to-agency"] = ("An agency (each of its members)", "Агентству (каждому участнику)"),
        ["agency"] = ("Agency", "Агентство"),
        ["choose-agency"] = ("Choose an agency", "Выберите агентство"),
        ["your-agency"] = ("Your agency", "Ваше агентство"),
        ["agency-commission"] = ("The agency's commission", "Комиссия агентства"),
        ["agency-per-month"] = ("The agency's sales by month (all members, UTC)", "Продажи агентства по месяцам (все участники, UTC)"),
        ["sold-for-agency"] = ("for the agency", "для агентства"),
    };
}
