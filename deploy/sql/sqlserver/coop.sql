IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [WebsiteUrl] nvarchar(2048) NULL,
        [OnCallAlertEmail] nvarchar(256) NULL,
        [IsDemo] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [KeyHash] nvarchar(64) NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [LastUsedAt] datetime2 NULL,
        [CreatedBy] nvarchar(256) NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiKeys_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Key] nvarchar(64) NOT NULL,
        [Description] nvarchar(1000) NULL,
        [IsSystem] bit NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoles_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [FirstName] nvarchar(100) NULL,
        [LastName] nvarchar(100) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ThemePreference] nvarchar(16) NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NULL,
        [ActorId] nvarchar(450) NULL,
        [Actor] nvarchar(256) NOT NULL,
        [Action] nvarchar(128) NOT NULL,
        [TargetType] nvarchar(64) NULL,
        [TargetId] nvarchar(450) NULL,
        [Details] nvarchar(4000) NULL,
        [OccurredAt] datetime2 NOT NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AuditEntries_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_KeyHash] ON [ApiKeys] ([KeyHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_OrganizationId_IsActive] ON [ApiKeys] ([OrganizationId], [IsActive]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AspNetRoles_OrganizationId_Key] ON [AspNetRoles] ([OrganizationId], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([OrganizationId], [NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_OrganizationId] ON [AspNetUsers] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_OrganizationId_OccurredAt] ON [AuditEntries] ([OrganizationId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organizations_Name] ON [Organizations] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124111229_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261124111229_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [ActionRevisions] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ActionId] nvarchar(64) NOT NULL,
        [Version] datetime2 NOT NULL,
        [Change] nvarchar(16) NOT NULL,
        [ChangedBy] nvarchar(256) NOT NULL,
        [Snapshot] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ActionRevisions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ActionRevisions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [Actions] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [ActionType] nvarchar(32) NOT NULL,
        [CallbackUrl] nvarchar(2048) NULL,
        [CustomBody] nvarchar(max) NULL,
        [ApplyUserStrikes] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [Version] datetime2 NOT NULL,
        [AppliesToKinds] nvarchar(64) NOT NULL,
        [Headers] nvarchar(max) NOT NULL,
        [ItemTypeIds] nvarchar(max) NOT NULL,
        [Parameters] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_Actions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Actions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [Appeals] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [AppealId] nvarchar(256) NOT NULL,
        [AppealedById] nvarchar(256) NOT NULL,
        [AppealedByTypeId] nvarchar(64) NOT NULL,
        [AppealedAt] datetime2 NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ActionsTaken] nvarchar(max) NOT NULL,
        [AppealReason] nvarchar(max) NULL,
        [ViolatingPolicyIds] nvarchar(max) NOT NULL,
        [RequestId] nvarchar(128) NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [RoutedAt] datetime2 NULL,
        CONSTRAINT [PK_Appeals] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Appeals_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [Items] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [LatestSubmissionId] bigint NOT NULL,
        [SubmissionCount] int NOT NULL,
        [FirstSeenAt] datetime2 NOT NULL,
        [LastSeenAt] datetime2 NOT NULL,
        [CreatorId] nvarchar(256) NULL,
        [CreatorTypeId] nvarchar(64) NULL,
        [ThreadId] nvarchar(256) NULL,
        [ThreadTypeId] nvarchar(64) NULL,
        CONSTRAINT [PK_Items] PRIMARY KEY ([OrganizationId], [ItemTypeId], [ItemId]),
        CONSTRAINT [FK_Items_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [ItemSubmissions] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ItemTypeVersion] nvarchar(64) NOT NULL,
        [SchemaVariant] nvarchar(16) NOT NULL,
        [Data] nvarchar(max) NOT NULL,
        [CreatorId] nvarchar(256) NULL,
        [CreatorTypeId] nvarchar(64) NULL,
        [ThreadId] nvarchar(256) NULL,
        [ThreadTypeId] nvarchar(64) NULL,
        [ParentId] nvarchar(256) NULL,
        [ParentTypeId] nvarchar(64) NULL,
        [PlatformCreatedAt] datetime2 NULL,
        [DisplayName] nvarchar(512) NULL,
        [IsDeleted] bit NULL,
        [Source] nvarchar(32) NOT NULL,
        [RequestId] nvarchar(128) NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [ProcessedAt] datetime2 NULL,
        [ProcessingAttempts] int NOT NULL,
        [LeaseUntil] datetime2 NULL,
        [LeaseOwner] nvarchar(64) NULL,
        [LastError] nvarchar(2000) NULL,
        CONSTRAINT [PK_ItemSubmissions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ItemSubmissions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [ItemTypeRevisions] (
        [ItemTypeId] nvarchar(64) NOT NULL,
        [Version] nvarchar(32) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Kind] nvarchar(16) NOT NULL,
        [IsDefaultUserType] bit NOT NULL,
        [SchemaJson] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(256) NULL,
        CONSTRAINT [PK_ItemTypeRevisions] PRIMARY KEY ([ItemTypeId], [Version]),
        CONSTRAINT [FK_ItemTypeRevisions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [ItemTypes] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Kind] nvarchar(16) NOT NULL,
        [IsDefaultUserType] bit NOT NULL,
        [Version] nvarchar(32) NOT NULL,
        [SchemaJson] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ItemTypes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ItemTypes_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [ActionId] nvarchar(64) NULL,
        [ItemId] nvarchar(450) NULL,
        [ItemTypeId] nvarchar(64) NULL,
        [TargetUrl] nvarchar(2048) NOT NULL,
        [HeadersJson] nvarchar(max) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [AttemptCount] int NOT NULL,
        [RoundAttemptCount] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [LeaseUntil] datetime2 NULL,
        [LeaseToken] nvarchar(64) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [DeliveredAt] datetime2 NULL,
        [LastAttemptAt] datetime2 NULL,
        [LastStatusCode] int NULL,
        [LastError] nvarchar(1000) NULL,
        [LastDurationMs] int NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OutboxMessages_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [Policies] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [ParentId] nvarchar(64) NULL,
        [Description] nvarchar(max) NULL,
        [EnforcementGuidelines] nvarchar(max) NULL,
        [Penalty] nvarchar(16) NOT NULL,
        [UserStrikeCount] int NOT NULL,
        [ApplyUserStrikeCountToChildren] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [Version] datetime2 NOT NULL,
        CONSTRAINT [PK_Policies] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Policies_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Policies_Policies_ParentId] FOREIGN KEY ([ParentId]) REFERENCES [Policies] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [PolicyRevisions] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [PolicyId] nvarchar(64) NOT NULL,
        [Version] datetime2 NOT NULL,
        [Change] nvarchar(16) NOT NULL,
        [ChangedBy] nvarchar(256) NOT NULL,
        [Snapshot] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_PolicyRevisions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PolicyRevisions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [Reports] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ReporterKind] nvarchar(16) NOT NULL,
        [ReporterId] nvarchar(256) NOT NULL,
        [ReporterTypeId] nvarchar(64) NOT NULL,
        [ReportedAt] datetime2 NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [PolicyId] nvarchar(64) NULL,
        [Reason] nvarchar(max) NULL,
        [IsCsam] bit NOT NULL,
        [ReportedItemsInThread] nvarchar(max) NOT NULL,
        [RequestId] nvarchar(128) NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [RoutedAt] datetime2 NULL,
        CONSTRAINT [PK_Reports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Reports_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [WebhookSigningKeys] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ActiveOrganizationId] nvarchar(64) NULL,
        [PublicKeyPem] nvarchar(2000) NOT NULL,
        [ProtectedPrivateKey] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [RetiredAt] datetime2 NULL,
        CONSTRAINT [PK_WebhookSigningKeys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookSigningKeys_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [AppealContextItems] (
        [Id] int NOT NULL IDENTITY,
        [Role] nvarchar(16) NOT NULL,
        [Position] int NOT NULL,
        [SubmissionId] bigint NOT NULL,
        [OwnerId] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_AppealContextItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AppealContextItems_Appeals_OwnerId] FOREIGN KEY ([OwnerId]) REFERENCES [Appeals] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AppealContextItems_ItemSubmissions_SubmissionId] FOREIGN KEY ([SubmissionId]) REFERENCES [ItemSubmissions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [DeliveryAttempts] (
        [Id] bigint NOT NULL IDENTITY,
        [OutboxMessageId] nvarchar(64) NOT NULL,
        [AttemptNumber] int NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [DurationMs] int NOT NULL,
        [StatusCode] int NULL,
        [Error] nvarchar(1000) NULL,
        [Outcome] nvarchar(32) NOT NULL,
        CONSTRAINT [PK_DeliveryAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DeliveryAttempts_OutboxMessages_OutboxMessageId] FOREIGN KEY ([OutboxMessageId]) REFERENCES [OutboxMessages] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE TABLE [ReportContextItems] (
        [Id] int NOT NULL IDENTITY,
        [Role] nvarchar(16) NOT NULL,
        [Position] int NOT NULL,
        [SubmissionId] bigint NOT NULL,
        [OwnerId] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_ReportContextItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReportContextItems_ItemSubmissions_SubmissionId] FOREIGN KEY ([SubmissionId]) REFERENCES [ItemSubmissions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ReportContextItems_Reports_OwnerId] FOREIGN KEY ([OwnerId]) REFERENCES [Reports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ActionRevisions_ActionId_Version] ON [ActionRevisions] ([ActionId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ActionRevisions_OrganizationId] ON [ActionRevisions] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Actions_OrganizationId_Name] ON [Actions] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_AppealContextItems_OwnerId] ON [AppealContextItems] ([OwnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_AppealContextItems_SubmissionId] ON [AppealContextItems] ([SubmissionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Appeals_OrganizationId_AppealId] ON [Appeals] ([OrganizationId], [AppealId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Appeals_OrganizationId_ItemTypeId_ItemId] ON [Appeals] ([OrganizationId], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Appeals_RoutedAt_ReceivedAt] ON [Appeals] ([RoutedAt], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DeliveryAttempts_OutboxMessageId_AttemptNumber] ON [DeliveryAttempts] ([OutboxMessageId], [AttemptNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Items_OrganizationId_CreatorTypeId_CreatorId] ON [Items] ([OrganizationId], [CreatorTypeId], [CreatorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ItemSubmissions_OrganizationId_CreatorTypeId_CreatorId_ReceivedAt] ON [ItemSubmissions] ([OrganizationId], [CreatorTypeId], [CreatorId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ItemSubmissions_OrganizationId_ItemTypeId_ItemId_Id] ON [ItemSubmissions] ([OrganizationId], [ItemTypeId], [ItemId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ItemSubmissions_OrganizationId_ThreadTypeId_ThreadId_ReceivedAt] ON [ItemSubmissions] ([OrganizationId], [ThreadTypeId], [ThreadId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ItemSubmissions_ProcessedAt_Id] ON [ItemSubmissions] ([ProcessedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ItemTypeRevisions_OrganizationId] ON [ItemTypeRevisions] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ItemTypes_OrganizationId_Kind] ON [ItemTypes] ([OrganizationId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ItemTypes_OrganizationId_Name] ON [ItemTypes] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_OrganizationId_CreatedAt] ON [OutboxMessages] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_OrganizationId_ItemTypeId_ItemId] ON [OutboxMessages] ([OrganizationId], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_Status_NextAttemptAt] ON [OutboxMessages] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Policies_OrganizationId_Name] ON [Policies] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Policies_OrganizationId_ParentId] ON [Policies] ([OrganizationId], [ParentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Policies_ParentId] ON [Policies] ([ParentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_PolicyRevisions_OrganizationId] ON [PolicyRevisions] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_PolicyRevisions_PolicyId_Version] ON [PolicyRevisions] ([PolicyId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ReportContextItems_OwnerId] ON [ReportContextItems] ([OwnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_ReportContextItems_SubmissionId] ON [ReportContextItems] ([SubmissionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Reports_OrganizationId_ItemTypeId_ItemId_ReceivedAt] ON [Reports] ([OrganizationId], [ItemTypeId], [ItemId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Reports_OrganizationId_ReporterTypeId_ReporterId] ON [Reports] ([OrganizationId], [ReporterTypeId], [ReporterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_Reports_RoutedAt_ReceivedAt] ON [Reports] ([RoutedAt], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WebhookSigningKeys_ActiveOrganizationId] ON [WebhookSigningKeys] ([ActiveOrganizationId]) WHERE [ActiveOrganizationId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    CREATE INDEX [IX_WebhookSigningKeys_OrganizationId_CreatedAt] ON [WebhookSigningKeys] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124115819_PlatformApi'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261124115819_PlatformApi', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    ALTER TABLE [Reports] ADD [JobId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    ALTER TABLE [Organizations] ADD [StrikeTtlDays] int NOT NULL DEFAULT 90;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    ALTER TABLE [Appeals] ADD [JobId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [ActionExecutions] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ActionId] nvarchar(64) NOT NULL,
        [ActionName] nvarchar(200) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [UserItemId] nvarchar(256) NULL,
        [UserItemTypeId] nvarchar(64) NULL,
        [Source] nvarchar(24) NOT NULL,
        [CorrelationId] nvarchar(128) NOT NULL,
        [ActorUserId] nvarchar(450) NULL,
        [ActorEmail] nvarchar(256) NULL,
        [ActorNote] nvarchar(max) NULL,
        [DecisionReason] nvarchar(max) NULL,
        [Policies] nvarchar(max) NOT NULL,
        [Rules] nvarchar(max) NOT NULL,
        [Parameters] nvarchar(max) NULL,
        [RelatedItems] nvarchar(max) NOT NULL,
        [JobId] nvarchar(64) NULL,
        [OutboxMessageId] nvarchar(64) NULL,
        [ExecutedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ActionExecutions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ActionExecutions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [ReviewQueues] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(max) NULL,
        [Kind] nvarchar(16) NOT NULL,
        [IsDefault] bit NOT NULL,
        [Ordering] nvarchar(16) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ReviewerUserIds] nvarchar(max) NOT NULL,
        [ReviewerRoleIds] nvarchar(max) NOT NULL,
        [HiddenActionIds] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ReviewQueues] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReviewQueues_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [ReviewSettings] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [RequirePolicyForDecisions] bit NOT NULL,
        [RequireReasonOnAction] bit NOT NULL,
        [RequireReasonOnIgnore] bit NOT NULL,
        [AllowMultiplePoliciesPerAction] bit NOT NULL,
        [HideSkipForNonAdmins] bit NOT NULL,
        [IgnoreCallbackUrl] nvarchar(2048) NULL,
        [AppealCallbackUrl] nvarchar(2048) NULL,
        [AppealCallbackHeadersJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ReviewSettings] PRIMARY KEY ([OrganizationId]),
        CONSTRAINT [FK_ReviewSettings_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [StrikeThresholds] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Threshold] int NOT NULL,
        [ActionIds] nvarchar(max) NOT NULL,
        [ActionParameters] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_StrikeThresholds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_StrikeThresholds_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [UserNotes] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [UserItemTypeId] nvarchar(64) NOT NULL,
        [UserItemId] nvarchar(256) NOT NULL,
        [AuthorUserId] nvarchar(450) NOT NULL,
        [AuthorName] nvarchar(256) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_UserNotes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_UserNotes_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [UserStrikes] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [UserItemTypeId] nvarchar(64) NOT NULL,
        [UserItemId] nvarchar(256) NOT NULL,
        [PolicyId] nvarchar(64) NOT NULL,
        [Weight] int NOT NULL,
        [CorrelationId] nvarchar(128) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [RemovedAt] datetime2 NULL,
        CONSTRAINT [PK_UserStrikes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_UserStrikes_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [QueueStars] (
        [UserId] nvarchar(450) NOT NULL,
        [QueueId] nvarchar(64) NOT NULL,
        [StarredAt] datetime2 NOT NULL,
        CONSTRAINT [PK_QueueStars] PRIMARY KEY ([UserId], [QueueId]),
        CONSTRAINT [FK_QueueStars_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_QueueStars_ReviewQueues_QueueId] FOREIGN KEY ([QueueId]) REFERENCES [ReviewQueues] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [ReviewJobs] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [QueueId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [Source] nvarchar(16) NOT NULL,
        [Status] int NOT NULL,
        [OpenItemKey] nvarchar(321) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ReportCount] int NOT NULL,
        [AppealId] nvarchar(64) NULL,
        [PolicyIds] nvarchar(max) NOT NULL,
        [PriorityScore] float NOT NULL,
        [ClaimedByUserId] nvarchar(450) NULL,
        [ClaimExpiresAt] datetime2 NULL,
        [ClosedAt] datetime2 NULL,
        [ClosedByUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_ReviewJobs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReviewJobs_ReviewQueues_QueueId] FOREIGN KEY ([QueueId]) REFERENCES [ReviewQueues] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [RoutingRules] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Position] int NOT NULL,
        [ConditionJson] nvarchar(max) NOT NULL,
        [TargetQueueId] nvarchar(64) NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_RoutingRules] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RoutingRules_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_RoutingRules_ReviewQueues_TargetQueueId] FOREIGN KEY ([TargetQueueId]) REFERENCES [ReviewQueues] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [JobComments] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [JobId] nvarchar(64) NOT NULL,
        [AuthorUserId] nvarchar(450) NOT NULL,
        [AuthorName] nvarchar(256) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_JobComments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_JobComments_ReviewJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ReviewJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [JobEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [JobId] nvarchar(64) NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [UserId] nvarchar(450) NULL,
        [OtherUserId] nvarchar(450) NULL,
        [Detail] nvarchar(500) NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_JobEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_JobEvents_ReviewJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ReviewJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE TABLE [ReviewDecisions] (
        [JobId] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [QueueId] nvarchar(64) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [Kind] nvarchar(24) NOT NULL,
        [ReviewerUserId] nvarchar(450) NULL,
        [ReviewerEmail] nvarchar(256) NULL,
        [ActionIds] nvarchar(max) NOT NULL,
        [PolicyIds] nvarchar(max) NOT NULL,
        [Reason] nvarchar(max) NULL,
        [TargetQueueId] nvarchar(64) NULL,
        [TargetJobId] nvarchar(64) NULL,
        [JobCreatedAt] datetime2 NOT NULL,
        [DecidedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ReviewDecisions] PRIMARY KEY ([JobId]),
        CONSTRAINT [FK_ReviewDecisions_ReviewJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ReviewJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_Reports_JobId] ON [Reports] ([JobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_Appeals_JobId] ON [Appeals] ([JobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ActionExecutions_CorrelationId] ON [ActionExecutions] ([CorrelationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ActionExecutions_OrganizationId_ExecutedAt] ON [ActionExecutions] ([OrganizationId], [ExecutedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ActionExecutions_OrganizationId_ItemTypeId_ItemId_ExecutedAt] ON [ActionExecutions] ([OrganizationId], [ItemTypeId], [ItemId], [ExecutedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ActionExecutions_OrganizationId_UserItemTypeId_UserItemId_ExecutedAt] ON [ActionExecutions] ([OrganizationId], [UserItemTypeId], [UserItemId], [ExecutedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_JobComments_JobId_CreatedAt] ON [JobComments] ([JobId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_JobEvents_JobId_At] ON [JobEvents] ([JobId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_JobEvents_UserId_Kind_At] ON [JobEvents] ([UserId], [Kind], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_QueueStars_QueueId] ON [QueueStars] ([QueueId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewDecisions_OrganizationId_DecidedAt] ON [ReviewDecisions] ([OrganizationId], [DecidedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewDecisions_OrganizationId_ItemTypeId_ItemId_DecidedAt] ON [ReviewDecisions] ([OrganizationId], [ItemTypeId], [ItemId], [DecidedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewDecisions_OrganizationId_ReviewerUserId_DecidedAt] ON [ReviewDecisions] ([OrganizationId], [ReviewerUserId], [DecidedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewJobs_ClaimedByUserId_ClaimExpiresAt] ON [ReviewJobs] ([ClaimedByUserId], [ClaimExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewJobs_OrganizationId_ItemTypeId_ItemId] ON [ReviewJobs] ([OrganizationId], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_ReviewJobs_QueueId_OpenItemKey] ON [ReviewJobs] ([QueueId], [OpenItemKey]) WHERE [OpenItemKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewJobs_QueueId_Status_CreatedAt] ON [ReviewJobs] ([QueueId], [Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_ReviewJobs_QueueId_Status_PriorityScore_CreatedAt] ON [ReviewJobs] ([QueueId], [Status], [PriorityScore], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReviewQueues_OrganizationId_Name] ON [ReviewQueues] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_RoutingRules_OrganizationId_Kind_Position] ON [RoutingRules] ([OrganizationId], [Kind], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_RoutingRules_TargetQueueId] ON [RoutingRules] ([TargetQueueId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE UNIQUE INDEX [IX_StrikeThresholds_OrganizationId_Threshold] ON [StrikeThresholds] ([OrganizationId], [Threshold]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_UserNotes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt] ON [UserNotes] ([OrganizationId], [UserItemTypeId], [UserItemId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_UserStrikes_CorrelationId] ON [UserStrikes] ([CorrelationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    CREATE INDEX [IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_ExpiresAt] ON [UserStrikes] ([OrganizationId], [UserItemTypeId], [UserItemId], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124165510_ReviewConsole'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261124165510_ReviewConsole', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201205020_Wellness'
)
BEGIN
    CREATE TABLE [WellnessSettings] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [BlurLevel] int NULL,
        [Tone] int NULL,
        [UnblurOnHover] bit NULL,
        [MuteVideos] bit NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_WellnessSettings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WellnessSettings_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201205020_Wellness'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WellnessSettings_OrganizationId_UserId] ON [WellnessSettings] ([OrganizationId], [UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201205020_Wellness'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201205020_Wellness', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210003_StrikesAndAppeals'
)
BEGIN
    ALTER TABLE [UserStrikes] ADD [ExpiredAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210003_StrikesAndAppeals'
)
BEGIN
    ALTER TABLE [ReviewSettings] ADD [AppealUndoActionsJson] nvarchar(max) NOT NULL DEFAULT N'{}';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210003_StrikesAndAppeals'
)
BEGIN
    ALTER TABLE [ReviewSettings] ADD [AppealsEnabled] bit NOT NULL DEFAULT CAST(1 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210003_StrikesAndAppeals'
)
BEGIN
    CREATE INDEX [IX_UserStrikes_ExpiredAt_ExpiresAt] ON [UserStrikes] ([ExpiredAt], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210003_StrikesAndAppeals'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201210003_StrikesAndAppeals', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210606_BulkActions'
)
BEGIN
    CREATE TABLE [BulkActionRuns] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ActorUserId] nvarchar(450) NOT NULL,
        [ActorEmail] nvarchar(256) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ActionIds] nvarchar(max) NOT NULL,
        [ActionParameters] nvarchar(max) NOT NULL,
        [PolicyIds] nvarchar(max) NOT NULL,
        [Reason] nvarchar(max) NULL,
        [Status] nvarchar(16) NOT NULL,
        [TotalItems] int NOT NULL,
        [KnownItems] int NOT NULL,
        [DoneItems] int NOT NULL,
        [FailedItems] int NOT NULL,
        [Error] nvarchar(1000) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [StartedAt] datetime2 NULL,
        [FinishedAt] datetime2 NULL,
        CONSTRAINT [PK_BulkActionRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BulkActionRuns_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210606_BulkActions'
)
BEGIN
    CREATE TABLE [BulkActionRunItems] (
        [Id] bigint NOT NULL IDENTITY,
        [RunId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Error] nvarchar(1000) NULL,
        [ProcessedAt] datetime2 NULL,
        CONSTRAINT [PK_BulkActionRunItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BulkActionRunItems_BulkActionRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [BulkActionRuns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210606_BulkActions'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BulkActionRunItems_RunId_ItemId] ON [BulkActionRunItems] ([RunId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210606_BulkActions'
)
BEGIN
    CREATE INDEX [IX_BulkActionRunItems_RunId_Status_Id] ON [BulkActionRunItems] ([RunId], [Status], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210606_BulkActions'
)
BEGIN
    CREATE INDEX [IX_BulkActionRuns_OrganizationId_CreatedAt] ON [BulkActionRuns] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210606_BulkActions'
)
BEGIN
    CREATE INDEX [IX_BulkActionRuns_Status_CreatedAt] ON [BulkActionRuns] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210606_BulkActions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201210606_BulkActions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201213043_PartialItems'
)
BEGIN
    ALTER TABLE [ReviewSettings] ADD [PartialItemsEndpoint] nvarchar(2048) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201213043_PartialItems'
)
BEGIN
    ALTER TABLE [ReviewSettings] ADD [PartialItemsHeadersJson] nvarchar(max) NOT NULL DEFAULT N'{}';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201213043_PartialItems'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201213043_PartialItems', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    DROP INDEX [IX_Reports_OrganizationId_ReporterTypeId_ReporterId] ON [Reports];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    DROP INDEX [IX_Items_OrganizationId_CreatorTypeId_CreatorId] ON [Items];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    ALTER TABLE [ReviewDecisions] ADD [UserItemId] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    ALTER TABLE [ReviewDecisions] ADD [UserItemTypeId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    ALTER TABLE [Reports] ADD [UserItemId] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    ALTER TABLE [Reports] ADD [UserItemTypeId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    ALTER TABLE [Appeals] ADD [UserItemId] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    ALTER TABLE [Appeals] ADD [UserItemTypeId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    CREATE INDEX [IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt] ON [UserStrikes] ([OrganizationId], [UserItemTypeId], [UserItemId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    CREATE INDEX [IX_ReviewDecisions_OrganizationId_UserItemTypeId_UserItemId_DecidedAt_JobId] ON [ReviewDecisions] ([OrganizationId], [UserItemTypeId], [UserItemId], [DecidedAt], [JobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    CREATE INDEX [IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt_Id] ON [Reports] ([OrganizationId], [ReporterTypeId], [ReporterId], [ReceivedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    CREATE INDEX [IX_Reports_OrganizationId_UserItemTypeId_UserItemId_ReceivedAt_Id] ON [Reports] ([OrganizationId], [UserItemTypeId], [UserItemId], [ReceivedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    CREATE INDEX [IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_ItemTypeId_ItemId] ON [Items] ([OrganizationId], [CreatorTypeId], [CreatorId], [LastSeenAt], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    CREATE INDEX [IX_Appeals_OrganizationId_AppealedByTypeId_AppealedById_ReceivedAt_Id] ON [Appeals] ([OrganizationId], [AppealedByTypeId], [AppealedById], [ReceivedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    CREATE INDEX [IX_Appeals_OrganizationId_UserItemTypeId_UserItemId_ReceivedAt_Id] ON [Appeals] ([OrganizationId], [UserItemTypeId], [UserItemId], [ReceivedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    UPDATE "Reports" SET "UserItemTypeId" = "ItemTypeId", "UserItemId" = "ItemId"
    WHERE "UserItemId" IS NULL
      AND EXISTS (SELECT 1 FROM "ItemTypes" t WHERE t."Id" = "Reports"."ItemTypeId" AND t."Kind" = 'User');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    UPDATE "Reports" SET
      "UserItemTypeId" = (SELECT i."CreatorTypeId" FROM "Items" i WHERE i."OrganizationId" = "Reports"."OrganizationId"
                          AND i."ItemTypeId" = "Reports"."ItemTypeId" AND i."ItemId" = "Reports"."ItemId"),
      "UserItemId" = (SELECT i."CreatorId" FROM "Items" i WHERE i."OrganizationId" = "Reports"."OrganizationId"
                      AND i."ItemTypeId" = "Reports"."ItemTypeId" AND i."ItemId" = "Reports"."ItemId")
    WHERE "UserItemId" IS NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    UPDATE "Appeals" SET "UserItemTypeId" = "ItemTypeId", "UserItemId" = "ItemId"
    WHERE "UserItemId" IS NULL
      AND EXISTS (SELECT 1 FROM "ItemTypes" t WHERE t."Id" = "Appeals"."ItemTypeId" AND t."Kind" = 'User');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    UPDATE "Appeals" SET
      "UserItemTypeId" = (SELECT i."CreatorTypeId" FROM "Items" i WHERE i."OrganizationId" = "Appeals"."OrganizationId"
                          AND i."ItemTypeId" = "Appeals"."ItemTypeId" AND i."ItemId" = "Appeals"."ItemId"),
      "UserItemId" = (SELECT i."CreatorId" FROM "Items" i WHERE i."OrganizationId" = "Appeals"."OrganizationId"
                      AND i."ItemTypeId" = "Appeals"."ItemTypeId" AND i."ItemId" = "Appeals"."ItemId")
    WHERE "UserItemId" IS NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    UPDATE "ReviewDecisions" SET "UserItemTypeId" = "ItemTypeId", "UserItemId" = "ItemId"
    WHERE "UserItemId" IS NULL
      AND EXISTS (SELECT 1 FROM "ItemTypes" t WHERE t."Id" = "ReviewDecisions"."ItemTypeId" AND t."Kind" = 'User');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    UPDATE "ReviewDecisions" SET
      "UserItemTypeId" = (SELECT i."CreatorTypeId" FROM "Items" i WHERE i."OrganizationId" = "ReviewDecisions"."OrganizationId"
                          AND i."ItemTypeId" = "ReviewDecisions"."ItemTypeId" AND i."ItemId" = "ReviewDecisions"."ItemId"),
      "UserItemId" = (SELECT i."CreatorId" FROM "Items" i WHERE i."OrganizationId" = "ReviewDecisions"."OrganizationId"
                      AND i."ItemTypeId" = "ReviewDecisions"."ItemTypeId" AND i."ItemId" = "ReviewDecisions"."ItemId")
    WHERE "UserItemId" IS NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214730_UserHistory'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201214730_UserHistory', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201224725_Investigation'
)
BEGIN
    CREATE TABLE [ActionExecutionPolicies] (
        [ExecutionId] nvarchar(64) NOT NULL,
        [PolicyId] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_ActionExecutionPolicies] PRIMARY KEY ([ExecutionId], [PolicyId]),
        CONSTRAINT [FK_ActionExecutionPolicies_ActionExecutions_ExecutionId] FOREIGN KEY ([ExecutionId]) REFERENCES [ActionExecutions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201224725_Investigation'
)
BEGIN
    CREATE INDEX [IX_Items_OrganizationId_CreatorId_CreatorTypeId] ON [Items] ([OrganizationId], [CreatorId], [CreatorTypeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201224725_Investigation'
)
BEGIN
    CREATE INDEX [IX_Items_OrganizationId_ItemId] ON [Items] ([OrganizationId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201224725_Investigation'
)
BEGIN
    CREATE INDEX [IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId] ON [Items] ([OrganizationId], [LastSeenAt], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201224725_Investigation'
)
BEGIN
    CREATE INDEX [IX_ActionExecutions_OrganizationId_ActionId_ItemTypeId_ItemId] ON [ActionExecutions] ([OrganizationId], [ActionId], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201224725_Investigation'
)
BEGIN
    CREATE INDEX [IX_ActionExecutionPolicies_OrganizationId_PolicyId_ItemTypeId_ItemId] ON [ActionExecutionPolicies] ([OrganizationId], [PolicyId], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201224725_Investigation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201224725_Investigation', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE TABLE [RuleEvaluations] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [SubmissionId] bigint NULL,
        [Environment] nvarchar(16) NOT NULL,
        [EvaluatedAt] datetime2 NOT NULL,
        [RulesEvaluated] int NOT NULL,
        [RulesPassed] int NOT NULL,
        [ResultsJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_RuleEvaluations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RuleEvaluations_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE TABLE [Rules] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(max) NULL,
        [Status] nvarchar(16) NOT NULL,
        [Version] int NOT NULL,
        [ItemTypeIds] nvarchar(max) NOT NULL,
        [ConditionJson] nvarchar(max) NOT NULL,
        [ActionIds] nvarchar(max) NOT NULL,
        [ActionParameters] nvarchar(max) NOT NULL,
        [PolicyIds] nvarchar(max) NOT NULL,
        [EnqueueQueueId] nvarchar(64) NULL,
        [Tags] nvarchar(max) NOT NULL,
        [MaxDailyActions] int NULL,
        [DailyActionsRun] int NOT NULL,
        [LastActionDate] date NULL,
        [ExpiresAt] datetime2 NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Rules] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Rules_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE TABLE [RuleDailyStats] (
        [RuleId] nvarchar(64) NOT NULL,
        [Day] date NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Evaluations] bigint NOT NULL,
        [Matches] bigint NOT NULL,
        [Actions] bigint NOT NULL,
        CONSTRAINT [PK_RuleDailyStats] PRIMARY KEY ([RuleId], [Day]),
        CONSTRAINT [FK_RuleDailyStats_Rules_RuleId] FOREIGN KEY ([RuleId]) REFERENCES [Rules] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE TABLE [RuleMatches] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [RuleId] nvarchar(64) NOT NULL,
        [RuleVersion] int NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [SubmissionId] bigint NULL,
        [Environment] nvarchar(16) NOT NULL,
        [Acted] bit NOT NULL,
        [MatchedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_RuleMatches] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RuleMatches_Rules_RuleId] FOREIGN KEY ([RuleId]) REFERENCES [Rules] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE TABLE [RuleVersions] (
        [Id] bigint NOT NULL IDENTITY,
        [OrganizationId] nvarchar(64) NOT NULL,
        [RuleId] nvarchar(64) NOT NULL,
        [Version] int NOT NULL,
        [DefinitionJson] nvarchar(max) NOT NULL,
        [ChangedByUserId] nvarchar(450) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_RuleVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RuleVersions_Rules_RuleId] FOREIGN KEY ([RuleId]) REFERENCES [Rules] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE INDEX [IX_RuleDailyStats_OrganizationId_Day] ON [RuleDailyStats] ([OrganizationId], [Day]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE INDEX [IX_RuleEvaluations_OrganizationId_ItemTypeId_ItemId_EvaluatedAt] ON [RuleEvaluations] ([OrganizationId], [ItemTypeId], [ItemId], [EvaluatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE INDEX [IX_RuleEvaluations_SubmissionId] ON [RuleEvaluations] ([SubmissionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE INDEX [IX_RuleMatches_OrganizationId_ItemTypeId_ItemId] ON [RuleMatches] ([OrganizationId], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE INDEX [IX_RuleMatches_RuleId_MatchedAt] ON [RuleMatches] ([RuleId], [MatchedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Rules_OrganizationId_Name] ON [Rules] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE INDEX [IX_Rules_OrganizationId_Status] ON [Rules] ([OrganizationId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RuleVersions_RuleId_Version] ON [RuleVersions] ([RuleId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202000106_Rules'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202000106_Rules', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010243_RuleRuns'
)
BEGIN
    CREATE TABLE [RuleRuns] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [RuleId] nvarchar(64) NOT NULL,
        [RuleVersion] int NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [From] datetime2 NOT NULL,
        [To] datetime2 NOT NULL,
        [Limit] int NOT NULL,
        [Cursor] bigint NOT NULL,
        [Evaluated] int NOT NULL,
        [Matched] int NOT NULL,
        [Acted] int NOT NULL,
        [Errored] int NOT NULL,
        [SamplesJson] nvarchar(max) NOT NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        [CreatedByName] nvarchar(256) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [Error] nvarchar(2000) NULL,
        [LeaseUntil] datetime2 NULL,
        CONSTRAINT [PK_RuleRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RuleRuns_Rules_RuleId] FOREIGN KEY ([RuleId]) REFERENCES [Rules] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010243_RuleRuns'
)
BEGIN
    CREATE INDEX [IX_RuleRuns_RuleId_CreatedAt] ON [RuleRuns] ([RuleId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010243_RuleRuns'
)
BEGIN
    CREATE INDEX [IX_RuleRuns_Status] ON [RuleRuns] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010243_RuleRuns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202010243_RuleRuns', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202011604_SignalSettings'
)
BEGIN
    CREATE TABLE [SignalSettings] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [SignalId] nvarchar(128) NOT NULL,
        [ValuesJson] nvarchar(max) NOT NULL,
        [ProtectedSecrets] nvarchar(max) NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedByUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_SignalSettings] PRIMARY KEY ([OrganizationId], [SignalId]),
        CONSTRAINT [FK_SignalSettings_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202011604_SignalSettings'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202011604_SignalSettings', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE TABLE [HashBanks] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Enabled] bit NOT NULL,
        [Version] bigint NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_HashBanks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_HashBanks_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE TABLE [LocationBanks] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [EntryCount] int NOT NULL,
        [Version] datetime2 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_LocationBanks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LocationBanks_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE TABLE [TextBanks] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Kind] nvarchar(16) NOT NULL,
        [EntryCount] int NOT NULL,
        [Version] datetime2 NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_TextBanks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TextBanks_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE TABLE [HashBankEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [BankId] nvarchar(64) NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Value] nvarchar(64) NOT NULL,
        [Label] nvarchar(500) NULL,
        [SourceId] nvarchar(200) NULL,
        [AddedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_HashBankEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_HashBankEntries_HashBanks_BankId] FOREIGN KEY ([BankId]) REFERENCES [HashBanks] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE TABLE [LocationBankEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [BankId] nvarchar(64) NOT NULL,
        [Prefix] nvarchar(12) NOT NULL,
        [Label] nvarchar(200) NULL,
        CONSTRAINT [PK_LocationBankEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LocationBankEntries_LocationBanks_BankId] FOREIGN KEY ([BankId]) REFERENCES [LocationBanks] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE TABLE [TextBankEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [BankId] nvarchar(64) NOT NULL,
        [Value] nvarchar(2000) NOT NULL,
        CONSTRAINT [PK_TextBankEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TextBankEntries_TextBanks_BankId] FOREIGN KEY ([BankId]) REFERENCES [TextBanks] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_HashBankEntries_BankId_Kind_Value] ON [HashBankEntries] ([BankId], [Kind], [Value]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_HashBanks_OrganizationId_Name] ON [HashBanks] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LocationBankEntries_BankId_Prefix] ON [LocationBankEntries] ([BankId], [Prefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LocationBanks_OrganizationId_Name] ON [LocationBanks] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE INDEX [IX_TextBankEntries_BankId] ON [TextBankEntries] ([BankId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TextBanks_OrganizationId_Name] ON [TextBanks] ([OrganizationId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202013008_MatchingBanks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202013008_MatchingBanks', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [Organizations] ADD [OutboundAllowListJson] nvarchar(max) NOT NULL DEFAULT N'[]';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [After] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [Before] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [Hash] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [PreviousHash] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [AuditEntries] ADD [Sequence] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [IsDeactivated] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [LastSignInAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [AuditChainHeads] (
        [Id] nvarchar(16) NOT NULL,
        [Sequence] bigint NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        [Version] bigint NOT NULL,
        [LastVerifiedAt] datetime2 NULL,
        [LastVerifiedIntact] bit NULL,
        [LastVerificationProblem] nvarchar(1000) NULL,
        CONSTRAINT [PK_AuditChainHeads] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [DashboardCounters] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [Series] nvarchar(32) NOT NULL,
        [HourStart] datetime2 NOT NULL,
        [Key1] nvarchar(160) NOT NULL,
        [Key2] nvarchar(160) NOT NULL,
        [Value] bigint NOT NULL,
        CONSTRAINT [PK_DashboardCounters] PRIMARY KEY ([OrganizationId], [Series], [HourStart], [Key1], [Key2])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [Invitations] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        [TokenHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        [AcceptedAt] datetime2 NULL,
        [AcceptedUserId] nvarchar(450) NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_Invitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invitations_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [NcmecJobContents] (
        [JobId] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [UserItemId] nvarchar(256) NOT NULL,
        [UserItemTypeId] nvarchar(64) NOT NULL,
        [UserResolved] bit NOT NULL,
        [MediaJson] nvarchar(max) NOT NULL,
        [MediaCount] int NOT NULL,
        [OmittedItemCount] int NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_NcmecJobContents] PRIMARY KEY ([JobId]),
        CONSTRAINT [FK_NcmecJobContents_ReviewJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ReviewJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [NcmecJobItems] (
        [JobId] nvarchar(64) NOT NULL,
        [ItemTypeId] nvarchar(64) NOT NULL,
        [ItemId] nvarchar(256) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [AddedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_NcmecJobItems] PRIMARY KEY ([JobId], [ItemTypeId], [ItemId]),
        CONSTRAINT [FK_NcmecJobItems_ReviewJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ReviewJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [NcmecSettings] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [ActiveEnvironment] int NOT NULL,
        [ProtectedTestCredentials] nvarchar(max) NULL,
        [ProtectedProductionCredentials] nvarchar(max) NULL,
        [ReporterEmail] nvarchar(254) NULL,
        [ContactFirstName] nvarchar(100) NULL,
        [ContactLastName] nvarchar(100) NULL,
        [ContactPhone] nvarchar(50) NULL,
        [ContactEmail] nvarchar(254) NULL,
        [CompanyTemplate] nvarchar(3000) NULL,
        [EspServiceName] nvarchar(100) NULL,
        [TermsOfService] nvarchar(3000) NULL,
        [LegalUrl] nvarchar(2083) NULL,
        [MoreInfoUrl] nvarchar(2083) NULL,
        [DefaultInternetDetailType] int NULL,
        [AdditionalInfoWebhookUrl] nvarchar(2083) NULL,
        [PreservationWebhookUrl] nvarchar(2083) NULL,
        [MediaReviewRequirement] int NOT NULL,
        [MinimumMediaToReview] int NOT NULL,
        [PostReportActionIdsJson] nvarchar(max) NOT NULL,
        [PostReportPolicyIdsJson] nvarchar(max) NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedByUserId] nvarchar(450) NULL,
        [TestCredentialsChangedAt] datetime2 NULL,
        [ProductionCredentialsChangedAt] datetime2 NULL,
        [CredentialsRefusedAt] datetime2 NULL,
        [CredentialsRefusedEnvironment] int NULL,
        CONSTRAINT [PK_NcmecSettings] PRIMARY KEY ([OrganizationId]),
        CONSTRAINT [FK_NcmecSettings_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [NcmecSubmissions] (
        [Id] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [JobId] nvarchar(64) NOT NULL,
        [ReviewerUserId] nvarchar(450) NOT NULL,
        [UserItemId] nvarchar(256) NOT NULL,
        [UserItemTypeId] nvarchar(64) NOT NULL,
        [Environment] int NOT NULL,
        [RequestJson] nvarchar(max) NOT NULL,
        [State] int NOT NULL,
        [ReportId] nvarchar(64) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [LeaseUntil] datetime2 NULL,
        [LeaseToken] nvarchar(64) NULL,
        [LastError] nvarchar(2000) NULL,
        [FailureKind] nvarchar(64) NULL,
        [FailedInState] int NULL,
        [FilesJson] nvarchar(max) NOT NULL,
        [ReceiptXml] nvarchar(max) NULL,
        [FinishRequestId] nvarchar(128) NULL,
        [FiledFileIdsJson] nvarchar(max) NOT NULL,
        [FileListMismatch] nvarchar(4000) NULL,
        [FiledAt] datetime2 NULL,
        [RetentionUntil] datetime2 NULL,
        [PreservationState] int NOT NULL,
        [PreservationAttempts] int NOT NULL,
        [PreservationLastError] nvarchar(2000) NULL,
        [PreservedAt] datetime2 NULL,
        [PostReportActionsRunAt] datetime2 NULL,
        [AbandonedReportsJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_NcmecSubmissions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NcmecSubmissions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [QueueDashboardSettings] (
        [QueueId] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [SlaMinutes] int NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_QueueDashboardSettings] PRIMARY KEY ([QueueId]),
        CONSTRAINT [FK_QueueDashboardSettings_ReviewQueues_QueueId] FOREIGN KEY ([QueueId]) REFERENCES [ReviewQueues] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE TABLE [SingleSignOnSettings] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [Enabled] bit NOT NULL,
        [ProviderKind] nvarchar(32) NOT NULL,
        [DisplayName] nvarchar(64) NULL,
        [Authority] nvarchar(2048) NULL,
        [TenantId] nvarchar(256) NULL,
        [Instance] nvarchar(2048) NULL,
        [ClientId] nvarchar(256) NULL,
        [ProtectedClientSecret] nvarchar(max) NULL,
        [ClientSecretChangedAt] datetime2 NULL,
        [Scopes] nvarchar(512) NOT NULL,
        [AllowedEmailDomains] nvarchar(4000) NOT NULL,
        [DefaultRoleId] nvarchar(64) NULL,
        [SsoOnly] bit NOT NULL,
        [BreakGlassUserId] nvarchar(64) NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedByUserId] nvarchar(64) NULL,
        CONSTRAINT [PK_SingleSignOnSettings] PRIMARY KEY ([OrganizationId]),
        CONSTRAINT [FK_SingleSignOnSettings_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Hash', N'LastVerificationProblem', N'LastVerifiedAt', N'LastVerifiedIntact', N'Sequence', N'Version') AND [object_id] = OBJECT_ID(N'[AuditChainHeads]'))
        SET IDENTITY_INSERT [AuditChainHeads] ON;
    EXEC(N'INSERT INTO [AuditChainHeads] ([Id], [Hash], [LastVerificationProblem], [LastVerifiedAt], [LastVerifiedIntact], [Sequence], [Version])
    VALUES (N''global'', N''0000000000000000000000000000000000000000000000000000000000000000'', NULL, NULL, NULL, CAST(0 AS bigint), CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Hash', N'LastVerificationProblem', N'LastVerifiedAt', N'LastVerifiedIntact', N'Sequence', N'Version') AND [object_id] = OBJECT_ID(N'[AuditChainHeads]'))
        SET IDENTITY_INSERT [AuditChainHeads] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_ReviewJobs_Dashboard_Claims] ON [ReviewJobs] ([OrganizationId], [ClaimExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_ReviewJobs_Dashboard_Created] ON [ReviewJobs] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_Reports_Dashboard] ON [Reports] ([OrganizationId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_JobEvents_Dashboard] ON [JobEvents] ([OrganizationId], [Kind], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_OrganizationId_Id] ON [AuditEntries] ([OrganizationId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AuditEntries_Sequence] ON [AuditEntries] ([Sequence]) WHERE [Sequence] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_Appeals_Dashboard] ON [Appeals] ([OrganizationId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_Invitations_OrganizationId_CreatedAt] ON [Invitations] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invitations_TokenHash] ON [Invitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_NcmecJobItems_OrganizationId_ItemTypeId_ItemId] ON [NcmecJobItems] ([OrganizationId], [ItemTypeId], [ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NcmecSubmissions_JobId] ON [NcmecSubmissions] ([JobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_NcmecSubmissions_OrganizationId_CreatedAt] ON [NcmecSubmissions] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_NcmecSubmissions_OrganizationId_UserItemTypeId_UserItemId] ON [NcmecSubmissions] ([OrganizationId], [UserItemTypeId], [UserItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_NcmecSubmissions_State_NextAttemptAt] ON [NcmecSubmissions] ([State], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_NcmecSubmissions_State_UpdatedAt] ON [NcmecSubmissions] ([State], [UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    CREATE INDEX [IX_QueueDashboardSettings_OrganizationId] ON [QueueDashboardSettings] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202041419_ChildSafetyAdministrationDashboards'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202041419_ChildSafetyAdministrationDashboards', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202060800_NcmecHashBankFlag'
)
BEGIN
    ALTER TABLE [NcmecSubmissions] ADD [AdditionalInfoJson] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202060800_NcmecHashBankFlag'
)
BEGIN
    ALTER TABLE [HashBanks] ADD [ReportMatchesToNcmec] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202060800_NcmecHashBankFlag'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202060800_NcmecHashBankFlag', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202094658_DashboardDailyRollups'
)
BEGIN
    CREATE TABLE [DashboardDailyCounters] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [Series] nvarchar(32) NOT NULL,
        [DayStart] datetime2 NOT NULL,
        [Key1] nvarchar(160) NOT NULL,
        [Key2] nvarchar(160) NOT NULL,
        [Value] bigint NOT NULL,
        CONSTRAINT [PK_DashboardDailyCounters] PRIMARY KEY ([OrganizationId], [Series], [DayStart], [Key1], [Key2])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202094658_DashboardDailyRollups'
)
BEGIN
    CREATE TABLE [DashboardDailyStates] (
        [OrganizationId] nvarchar(64) NOT NULL,
        [TimeZone] nvarchar(64) NOT NULL,
        [BuiltAt] datetime2 NOT NULL,
        CONSTRAINT [PK_DashboardDailyStates] PRIMARY KEY ([OrganizationId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202094658_DashboardDailyRollups'
)
BEGIN
    CREATE INDEX [IX_DashboardCounters_Covering] ON [DashboardCounters] ([OrganizationId], [Series], [HourStart], [Key1], [Key2], [Value]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202094658_DashboardDailyRollups'
)
BEGIN
    CREATE INDEX [IX_DashboardDailyCounters_Covering] ON [DashboardDailyCounters] ([OrganizationId], [Series], [DayStart], [Key1], [Key2], [Value]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202094658_DashboardDailyRollups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202094658_DashboardDailyRollups', N'10.0.15');
END;

COMMIT;
GO

