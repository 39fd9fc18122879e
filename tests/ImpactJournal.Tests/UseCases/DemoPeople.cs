namespace ImpactJournal.Tests.UseCases;

/// <summary>Subjects the Development sign-in picker offers (the demo alliance's members), so pages can be used as them.</summary>
public static class DemoPeople
{
    public const string Steward = "steward@ashworth.example";
    public const string Partner = "foodhub@ashworth.example";
    public const string Facilitator = "facilitator@ashworth.example";
    public const string Commissioner = "commissioner@ashworth.example";
}
