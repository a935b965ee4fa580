using System.Text.Json.Nodes;

namespace Frugal.Training;

/// <summary>
/// The fields of Hugging Face's trainer_state.json that Frugal's trainers fill in, named as Trainer names them.
/// </summary>
/// <param name="EvalSteps">0 = evaluation only at the end.</param>
/// <param name="SaveSteps">Null for trainers that keep no checkpoints; the field is then left out.</param>
/// <param name="LogHistory">One object a logging or evaluation point, each made by <see cref="TrainerStateFile.LogEntry"/>.</param>
public sealed record HfTrainerState(
    int GlobalStep,
    int MaxSteps,
    double Epoch,
    double NumTrainEpochs,
    int LoggingSteps,
    int EvalSteps,
    int? SaveSteps,
    int TrainBatchSize,
    IReadOnlyList<JsonObject> LogHistory);
