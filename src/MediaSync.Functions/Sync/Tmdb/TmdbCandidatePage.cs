namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>One non-empty page of candidates: the token it starts at (<see langword="null"/> for the first), its rows and their titles.</summary>
internal sealed record TmdbCandidatePage(string? Token, int Rows, IReadOnlyList<TmdbTitle> Titles);
