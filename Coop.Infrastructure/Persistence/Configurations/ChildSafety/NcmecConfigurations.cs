using Coop.Domain.ChildSafety;
using Coop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coop.Infrastructure.Persistence.Configurations.ChildSafety;

internal sealed class NcmecSettingsConfiguration : IEntityTypeConfiguration<NcmecSettings>
{
    public void Configure(EntityTypeBuilder<NcmecSettings> builder)
    {
        builder.ToTable("NcmecSettings");
        builder.HasKey(s => s.OrganizationId);
        builder.Property(s => s.OrganizationId).HasMaxLength(64);
        builder.Property(s => s.ReporterEmail).HasMaxLength(NcmecSettings.EmailMaxLength);
        builder.Property(s => s.ContactFirstName).HasMaxLength(100);
        builder.Property(s => s.ContactLastName).HasMaxLength(100);
        builder.Property(s => s.ContactPhone).HasMaxLength(50);
        builder.Property(s => s.ContactEmail).HasMaxLength(NcmecSettings.EmailMaxLength);
        builder.Property(s => s.CompanyTemplate).HasMaxLength(NcmecSettings.TextMaxLength);
        builder.Property(s => s.EspServiceName).HasMaxLength(NcmecSettings.EspServiceMaxLength);
        builder.Property(s => s.TermsOfService).HasMaxLength(NcmecSettings.TextMaxLength);
        builder.Property(s => s.LegalUrl).HasMaxLength(NcmecSettings.UrlMaxLength);
        builder.Property(s => s.MoreInfoUrl).HasMaxLength(NcmecSettings.UrlMaxLength);
        builder.Property(s => s.AdditionalInfoWebhookUrl).HasMaxLength(NcmecSettings.UrlMaxLength);
        builder.Property(s => s.PreservationWebhookUrl).HasMaxLength(NcmecSettings.UrlMaxLength);
        builder.Property(s => s.PostReportActionIdsJson).IsRequired();
        builder.Property(s => s.PostReportPolicyIdsJson).IsRequired();
        builder.Property(s => s.UpdatedByUserId).HasMaxLength(450);
        builder.Ignore(s => s.PostReportActionIds);
        builder.Ignore(s => s.PostReportPolicyIds);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NcmecSubmissionConfiguration : IEntityTypeConfiguration<NcmecSubmission>
{
    public void Configure(EntityTypeBuilder<NcmecSubmission> builder)
    {
        builder.ToTable("NcmecSubmissions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.OrganizationId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.JobId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.ReviewerUserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.UserItemId).HasMaxLength(Coop.Domain.Items.ItemSubmission.MaxIdLength).IsRequired();
        builder.Property(s => s.UserItemTypeId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.RequestJson).IsRequired();
        builder.Property(s => s.ReportId).HasMaxLength(64);
        builder.Ignore(s => s.Request);
        builder.Ignore(s => s.Files);
        builder.Ignore(s => s.AbandonedReports);
        builder.Ignore(s => s.FiledFileIds);
        builder.Property(s => s.LeaseToken).HasMaxLength(64);
        builder.Property(s => s.LastError).HasMaxLength(NcmecSubmission.ErrorMaxLength);
        builder.Property(s => s.FailureKind).HasMaxLength(64);
        builder.Property(s => s.FilesJson).IsRequired();
        builder.Property(s => s.FiledFileIdsJson).IsRequired();
        builder.Property(s => s.AbandonedReportsJson).IsRequired();
        builder.Property(s => s.FinishRequestId).HasMaxLength(128);
        builder.Property(s => s.FileListMismatch).HasMaxLength(4000);
        builder.Property(s => s.PreservationLastError).HasMaxLength(NcmecSubmission.ErrorMaxLength);
        builder.HasIndex(s => new { s.State, s.NextAttemptAt });
        builder.HasIndex(s => new { s.OrganizationId, s.CreatedAt });
        builder.HasIndex(s => s.JobId).IsUnique();
        builder.HasIndex(s => new { s.State, s.UpdatedAt });
        builder.HasIndex(s => new { s.OrganizationId, s.UserItemTypeId, s.UserItemId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
