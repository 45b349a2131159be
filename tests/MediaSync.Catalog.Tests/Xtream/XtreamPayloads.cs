namespace MediaSync.Catalog.Tests.Xtream;

/// <summary>Payloads with the quirks provider-apis.md §1 lists, as real panels send them.</summary>
internal static class XtreamPayloads
{
    public const string Account = """
        {"user_info":{"username":"alice.user","password":"S3cr3t/p@ss&word","message":"","auth":1,"status":"Active",
          "exp_date":"1893456000","is_trial":"0","active_cons":"1","created_at":"1700000000","max_connections":"2",
          "allowed_output_formats":["m3u8","ts","rtmp"]},
         "server_info":{"url":"panel.example","port":"80","https_port":"443","server_protocol":"http","rtmp_port":"8880",
          "timezone":"Europe/Berlin","timestamp_now":1717000000,"time_now":"2024-05-29 18:26:40","process":true}}
        """;

    public const string AccountNeverExpires = """
        {"user_info":{"auth":"1","status":"Active","exp_date":null,"is_trial":0,"active_cons":0,"max_connections":1,"allowed_output_formats":[]},"server_info":[]}
        """;

    public const string AccountRejected = """{"user_info":{"auth":0}}""";

    public const string LiveCategories = """
        [{"category_id":"12","category_name":"News","parent_id":0},{"category_id":7,"category_name":"Sports","parent_id":"0"}]
        """;

    public const string LiveStreams = """
        [
         {"num":1,"name":"News 24","stream_type":"live","stream_id":101,"stream_icon":"http://logo/1.png","epg_channel_id":"news.de",
          "added":"1700000000","is_adult":"0","category_id":"12","category_ids":[12],"custom_sid":"","tv_archive":1,"direct_source":"","tv_archive_duration":"7"},
         {"num":"2","name":"Sport 1","stream_type":"live","stream_id":"102","stream_icon":"","epg_channel_id":null,
          "added":"","is_adult":0,"category_id":null,"category_ids":["7","12"],"custom_sid":null,"tv_archive":"0","direct_source":"","tv_archive_duration":0,"thumbnail":""}
        ]
        """;

    public const string VodStreams = """
        [
         {"num":1,"name":"Movie A","title":"Movie A","year":"2021","stream_type":"movie","stream_id":"5001","stream_icon":"http://img/a.jpg",
          "rating":"7.3","rating_5based":3.65,"added":"1700000100","is_adult":"0","category_id":"3","category_ids":[3,4],
          "container_extension":"mkv","custom_sid":"","direct_source":"","tmdb":"550","imdb_id":"tt0137523"},
         {"num":2,"name":"Movie B","stream_type":"movie","stream_id":5002,"stream_icon":null,"rating":7.9,"rating_5based":"3.9",
          "added":1700000200,"is_adult":0,"category_id":"3","container_extension":"","tmdb_id":0},
         {"num":3,"name":"Movie C","stream_id":"5003","rating":"","added":"","category_id":"4","category_ids":[],"container_extension":"mp4","tmdb":"","release_date":"2019-04-01"},
         {"num":4,"name":"Movie D","stream_id":"5004","rating":"N/A","added":"not a date","container_extension":"avi","tmdb":"0","trailer":[]}
        ]
        """;

    public const string Series = """
        [
         {"num":1,"name":"Show One","series_id":77,"cover":"http://img/s1.jpg","plot":"","cast":"","director":"","genre":"Drama",
          "releaseDate":"2015-09-01","last_modified":"1700000300","rating":"8.0","rating_5based":4,"backdrop_path":["http://img/b1.jpg"],
          "youtube_trailer":"","episode_run_time":"45","category_id":"9","category_ids":[9],"tmdb":"1399"},
         {"num":2,"name":"Show Two","series_id":"78","cover":null,"release_date":"2020","last_modified":"","rating":"","backdrop_path":"http://img/b2.jpg",
          "episode_run_time":"","category_id":"9"},
         {"num":3,"name":"Show Three","series_id":"79","cover":"","releaseDate":"","backdrop_path":[],"category_id":"10"}
        ]
        """;

    public const string SeriesInfoKeyedBySeason = """
        {"seasons":[{"air_date":null,"episode_count":"2","id":"11","name":"Season 1","overview":"","season_number":"1","cover":"","cover_big":""},
                    {"air_date":"","episode_count":1,"id":12,"name":"Season 2","season_number":2,"cover":null,"cover_big":null,"vote_average":"7.5"}],
         "info":{"name":"Show One","cover":"","plot":"","backdrop_path":[]},
         "episodes":{
           "1":[{"id":"9001","episode_num":"1","title":"Pilot","container_extension":"mkv","info":{"tmdb_id":"63056","duration_secs":"3000","plot":"P","video":[],"audio":{}},"custom_sid":"","added":"1700000400","season":"1","direct_source":""},
                {"id":"9002","episode_num":2,"title":"Second","container_extension":"mp4","info":[],"added":"","season":1}],
           "2":[{"id":9003,"episode_num":"1","title":"Back","container_extension":"mkv","info":{"duration":"00:42:30"},"added":"1700000500"}],
           "0":[{"id":"9000","episode_num":"1","title":"Special","container_extension":"mkv","info":{},"season":"0"}]
         }}
        """;

    // Season keys 0..n-1 make PHP emit a JSON array of arrays; the season comes from the episodes or the index.
    public const string SeriesInfoArrayOfArrays = """
        {"seasons":[],"info":[],"episodes":[
            [{"id":"8000","episode_num":1,"title":"Special","container_extension":"mkv"}],
            [{"id":"8001","episode_num":1,"title":"S1E1","container_extension":"mkv","season":"1"},{"id":"8002","episode_num":"2","title":"S1E2","season":1}]
        ]}
        """;

    public const string SeriesInfoEmpty = """{"seasons":[],"info":[],"episodes":[]}""";
}
