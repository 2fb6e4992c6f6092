using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Monitor.Api;
using Monitor.Core;
using Orleans.Runtime;
using Orleans.Storage;

namespace Monitor.Hosting;

/// <summary>
/// Last line of defence against 5xx for bad input: an argument exception raised below the API (a grain or the domain
/// refusing a value) becomes a 400 problem naming the parameter, a bad request Kestrel raised keeps its own status,
/// and a call the cluster could not complete now is a 503 the client may retry: the silo stops or the grain is moving
/// (<see cref="SiloUnavailableException"/>, <see cref="OrleansMessageRejectionException"/>), a stale activation stepped
/// down after another wrote a newer checkpoint (<see cref="InconsistentStateException"/>), or a grain call timed out
/// behind a long turn (<see cref="TimeoutException"/>). Every write the API takes is idempotent, so a retry is safe.
/// </summary>
public sealed class BadInputExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            ArgumentException => (StatusCodes.Status400BadRequest, "Invalid argument"),
            SiloUnavailableException or OrleansMessageRejectionException => (StatusCodes.Status503ServiceUnavailable, "Silo unavailable"),
            InconsistentStateException => (StatusCodes.Status503ServiceUnavailable, "Account moving"),
            TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Silo busy"),
            _ => (0, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = exception is ArgumentException argument ? ArgumentMessage.Of(argument) : exception.Message };
        if (exception is ArgumentException { ParamName: { } name })
        {
            problem.Extensions["parameter"] = name;
        }
        else if (exception is BadHttpRequestException && ParameterBindingFailure.TryParse(exception.Message, out var binding))
        {
            problem.Title = $"Invalid {binding.Parameter}";
            problem.Detail = binding.Detail;
            problem.Extensions["parameter"] = binding.Parameter;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
