namespace ActorChat.Bench;

/// <summary>Deliveries and their latencies, recorded by every receiving client.</summary>
public sealed class Measurements
{
    private readonly Lock _lock = new();
    private readonly List<double> _latenciesMs = [];
    private long _deliveries;
    private bool _recording;

    public long Deliveries => Interlocked.Read(ref _deliveries);

    public void Start() { lock (_lock) _recording = true; }

    public void Stop() { lock (_lock) _recording = false; }

    public void Record(double latencyMs)
    {
        lock (_lock)
        {
            if (!_recording) return;
            _deliveries++;
            _latenciesMs.Add(latencyMs);
        }
    }

    public double Percentile(double p)
    {
        lock (_lock)
        {
            if (_latenciesMs.Count == 0) return double.NaN;
            _latenciesMs.Sort();
            return _latenciesMs[(int)Math.Min(_latenciesMs.Count - 1, Math.Ceiling(p / 100 * _latenciesMs.Count) - 1)];
        }
    }
}
