namespace Supervision.Domain.Setup;

/// <summary>The stable codes of campaign setup issues (schedule import, roster import, campaign validation).</summary>
public static class SetupCodes
{
    public const string ScheduleTableMissing = "schedule.table-missing";
    public const string ScheduleBadGroup = "schedule.bad-group";
    public const string ScheduleDuplicateGroup = "schedule.duplicate-group";
    public const string ScheduleCountMismatch = "schedule.count-mismatch";
    public const string ScheduleRunTogether = "schedule.run-together";
    public const string ScheduleUnknownSuggestion = "schedule.unknown-suggestion";
    public const string ScheduleStraySeparator = "schedule.stray-separator";
    public const string ScheduleDuplicateSchool = "schedule.duplicate-school";
    public const string ScheduleDuplicateSchoolId = "schedule.duplicate-school-id";
    public const string ScheduleRoomMissing = "schedule.room-missing";
    public const string ScheduleDateMissing = "schedule.date-missing";
    public const string ScheduleBadDate = "schedule.bad-date";
    public const string ScheduleDateOutsideYear = "schedule.date-outside-year";
    public const string ScheduleDateConflict = "schedule.date-conflict";
    public const string ScheduleOtherYear = "schedule.other-year";
    public const string ScheduleTimeReversed = "schedule.time-reversed";
    public const string ScheduleTimetableMissing = "schedule.timetable-missing";
    public const string SchedulePresentationTight = "schedule.presentation-tight";
    public const string SchedulePresentationOverrun = "schedule.presentation-overrun";
    public const string ScheduleRemovesSchool = "schedule.removes-school";
    public const string ScheduleChangesArea = "schedule.changes-area";

    public const string CampaignBadId = "campaign.bad-id";
    public const string CampaignSchoolYear = "campaign.school-year";
    public const string CampaignScoreStep = "campaign.score-step";
    public const string GradingBandsOrder = "grading.bands-order";
    public const string GradingBandRange = "grading.band-range";
    public const string GradingEmpty = "grading.empty";
    public const string DeadlinesOrder = "deadlines.order";
    public const string DeadlinesOutsideYear = "deadlines.outside-year";
    public const string AggregationWeights = "aggregation.weights";

    public const string RosterTableMissing = "roster.table-missing";
    public const string RosterAccountMissing = "roster.account-missing";
    public const string RosterDuplicateAccount = "roster.duplicate-account";
    public const string RosterUnknownRole = "roster.unknown-role";
    public const string RosterUnknownSchool = "roster.unknown-school";
    public const string RosterSchoolMissing = "roster.school-missing";
    public const string RosterUnknownGroup = "roster.unknown-group";
    public const string RosterSchoolWithoutAccount = "roster.school-without-account";
    public const string RosterNoOffice = "roster.no-office";
}
