namespace TiLianBang.Web.Hosting.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>After authorisation: only a request the endpoint will run is recorded, under the caller's account.</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.UseWhen(IdempotencyMiddleware.Applies, branch => branch.UseMiddleware<IdempotencyMiddleware>());
        return app;
    }
}
