using ImpactJournal.Access;
using ImpactJournal.Alliances;
using ImpactJournal.Indicators;
using ImpactJournal.Infrastructure.UseCases;
using ImpactJournal.Stories;
using ImpactJournal.Templates;
using Xunit;

namespace ImpactJournal.Tests.Templates;

/// <summary>The pure parts of importing a template, forming an alliance from one and saving a setup as one, with no host.</summary>
public sealed class when_deciding_templates
{
    private static readonly TemplateFile AllianceContract = TemplateLibrary.BuiltInByKey("alliance-contract")!;

    private static string FileWith(Func<TemplateFile, TemplateFile> change) => change(AllianceContract with { Key = "our-own" }).ToJson();

    [Fact]
    public void a_template_file_as_saved_reads_back_as_the_same_template()
    {
        var (template, errors) = ImportTemplateUseCase.Validate(new ImportTemplate(FileWith(t => t)));
        Assert.Empty(errors);
        Assert.Equal(FileWith(t => t), template!.ToJson());
    }

    [Fact]
    public void a_bad_file_is_refused_with_each_field_named_by_its_path()
    {
        var file = System.Text.Json.Nodes.JsonNode.Parse(FileWith(t => t))!;
        file["collaborationModel"] = "franchise";
        file["imperatives"]![1] = " ";
        file["framework"]!["triads"]![0]!["labels"]!.AsArray().RemoveAt(2);
        file["indicators"]![2]!["unit"] = "furlongs";
        file["checkIn"]!.AsObject().Remove("question");
        file["colour"] = "green";

        var (template, errors) = ImportTemplateUseCase.Validate(new ImportTemplate(file.ToJsonString()));

        Assert.Null(template);
        Assert.Contains("collaborationModel", errors.Keys);
        Assert.Contains("imperatives[1]", errors.Keys);
        Assert.Contains("framework.triads[0].labels", errors.Keys);
        Assert.Contains("indicators[2].unit", errors.Keys);
        Assert.Equal(["Required."], errors["checkIn.question"]);
        Assert.Contains("colour", errors.Keys);
        Assert.Contains("alliance-contract", errors["collaborationModel"].Single());
    }

    [Fact]
    public void not_json_no_file_a_repeated_question_key_and_unstorable_text_are_refused()
    {
        Assert.Equal(["body"], ImportTemplateUseCase.Validate(new ImportTemplate("{ not json")).Errors.Keys);
        Assert.Equal(["body"], ImportTemplateUseCase.Validate(new ImportTemplate(" ")).Errors.Keys);
        Assert.Equal(["body"], ImportTemplateUseCase.Validate(null).Errors.Keys);
        Assert.Equal(["body"], ImportTemplateUseCase.Validate(new ImportTemplate("""{"key": "a", "key": "b"}""")).Errors.Keys);
        var repeated = FileWith(t => t with { Framework = t.Framework with { Dyads = [t.Framework.Dyads[0], t.Framework.Dyads[0]] } });
        Assert.Contains("framework.dyads[1].key", ImportTemplateUseCase.Validate(new ImportTemplate(repeated)).Errors.Keys);
        var nul = FileWith(t => t with { Title = "Our\0own" });
        Assert.Equal(["title"], ImportTemplateUseCase.Validate(new ImportTemplate(nul)).Errors.Keys);
    }

    [Fact]
    public void importing_a_new_key_saves_the_same_file_again_changes_nothing_and_a_taken_key_is_a_conflict()
    {
        var ours = AllianceContract with { Key = "our-own" };
        Assert.IsType<Outcome.Saved>(ImportTemplateUseCase.Decide(ours, null, null));
        Assert.IsType<Outcome.AlreadyThere>(ImportTemplateUseCase.Decide(ours, null, ours));
        Assert.IsType<Outcome.Conflict>(ImportTemplateUseCase.Decide(ours with { Version = 2 }, null, ours));
        Assert.IsType<Outcome.AlreadyThere>(ImportTemplateUseCase.Decide(AllianceContract, AllianceContract, null));
        var builtInTaken = Assert.IsType<Outcome.Conflict>(ImportTemplateUseCase.Decide(AllianceContract with { Version = 9 }, AllianceContract, null));
        Assert.Contains("built-in", builtInTaken.Detail);
    }

    [Fact]
    public void forming_from_a_template_records_the_template_and_everything_it_holds_as_the_alliances_own_events()
    {
        var formed = new AllianceFormed(Guid.CreateVersion7(), "Ashworth Complex Lives Alliance", AgreementType.AllianceContract, "Nobody alone.",
            "steward@ashworth.example", "Sam Steward");

        var setUp = AllianceFromTemplate.Decide(formed, AllianceContract);

        Assert.Same(formed, setUp.AllianceEvents[0]);
        var origin = Assert.IsType<AllianceSetUpFromTemplate>(setUp.AllianceEvents[1]);
        Assert.Equal(("alliance-contract", 1, "alliance-contract"), (origin.TemplateKey, origin.TemplateVersion, origin.CollaborationModel));
        Assert.Equal(AllianceContract.Imperatives, setUp.AllianceEvents.OfType<ImperativeAdded>().Select(i => i.Text));
        var framework = Assert.Single(setUp.AllianceEvents.OfType<SignificationFrameworkRevised>()).Framework;
        Assert.True(TemplateFramework.Of(framework).SameAs(AllianceContract.Framework));
        Assert.Equal(AllianceContract.Indicators.Select(i => i.Name), setUp.Indicators.Select(i => i.Name));
        Assert.All(setUp.Indicators, i => Assert.Equal("Alliance contract template, version 1", i.ProposedBy));

        var alliance = setUp.AllianceEvents.Skip(1).Aggregate(Alliance.Formed(formed, DateTimeOffset.UnixEpoch), Apply);
        Assert.Equal("alliance-contract", alliance.CollaborationModel);
        Assert.Equal(AllianceContract.ReviewQuestions, alliance.ReviewQuestions);
        Assert.Equal(AllianceContract.CheckIn, alliance.CheckIn);
    }

    [Fact]
    public void a_setup_saved_as_a_template_holds_what_the_alliance_holds_now()
    {
        var formed = new AllianceFormed(Guid.CreateVersion7(), "Ashworth Complex Lives Alliance!", AgreementType.AllianceContract, "Nobody alone.", "s", "S");
        var alliance = AllianceFromTemplate.Decide(formed, AllianceContract).AllianceEvents.Skip(1)
            .Aggregate(Alliance.Formed(formed, DateTimeOffset.UnixEpoch), Apply)
            .Apply(new ImperativeAdded(Guid.CreateVersion7(), "We answer each other within a day."));

        var saved = SetupAsTemplate.Of(alliance, [], 12, new DateOnly(2026, 12, 7))!;

        Assert.Equal("ashworth-complex-lives-alliance", saved.Key);
        Assert.Equal(12, saved.Version);
        Assert.Equal([.. AllianceContract.Imperatives, "We answer each other within a day."], saved.Imperatives);
        Assert.True(saved.Framework.SameAs(AllianceContract.Framework));
        Assert.Equal(AllianceContract.WhenThisFits, saved.WhenThisFits);
        Assert.Empty(TemplateSchema.Read(saved.ToJson()).Errors);
        Assert.Null(SetupAsTemplate.Of(Alliance.Formed(formed with { AgreementType = AgreementType.Other }, DateTimeOffset.UnixEpoch), [], 1, default));
    }

    private static Alliance Apply(Alliance alliance, object e) => e switch
    {
        AllianceSetUpFromTemplate setUp => alliance.Apply(setUp),
        ImperativeAdded added => alliance.Apply(added),
        SignificationFrameworkRevised revised => alliance.Apply(revised),
        _ => throw new InvalidOperationException(e.GetType().Name)
    };
}
